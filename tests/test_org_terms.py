"""An organisation's words for the handbook's (organisation.yml `terms:`): the example
edition (peer worker -> lived experience worker, service user -> consumer) as its staff
read it, everywhere but in a source's own wording; and maps with mistakes, each refused
with one message."""
import json
import re
from pathlib import Path

import markdown
import pytest
from docx import Document
from playwright.sync_api import expect

from conftest import ROOT, run_mkdocs
from macros import terminology
from macros.handbook import load_handbook
from macros.overlay import load_organisation
from macros.problems import DataError
from test_organisation import GOOD, overlay, refusal
from test_print import printed

# The handbook's own words, as a reader would spot them.
HANDBOOK_WORDS = re.compile(r"(?<![\w-])(peer\s+workers?|service\s+users?)(?!\w)", re.IGNORECASE)
OWN = "lived experience worker"
SAYS = "Example Health says:"


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def tab(org_tab):
    return org_tab


# --- The example edition, as its readers see it -------------------------------------

@pytest.mark.browser
def test_a_prose_page_its_title_and_the_navigation_use_the_organisations_words(tab, org_url):
    tab.goto(org_url + "start/peer-worker/")
    heading = tab.locator("article h1")
    assert heading.inner_text().removesuffix("¶") == "For lived experience workers"
    # The heading keeps the id its words gave it, so links to it still work.
    assert heading.get_attribute("id") == "for-peer-workers"
    assert tab.title().startswith("Lived experience workers - Example Health")
    nav = flat(tab.locator(".md-nav--primary").first.inner_text())
    assert "Where lived experience workers work" in nav and "From consumer to lived experience worker" in nav
    assert not HANDBOOK_WORDS.search(nav)
    tab.goto(org_url)
    article = flat(tab.locator("article").inner_text())
    assert "for organisations that employ lived experience workers in mental health" in article
    assert "Lived experience workers are people with lived experience" in article


@pytest.mark.browser
def test_a_printed_page_uses_the_organisations_words(tab, org_url):
    text = flat(" ".join(printed(tab, org_url + "start/peer-worker/")))
    assert "For lived experience workers" in text and not HANDBOOK_WORDS.search(text)


@pytest.mark.browser
def test_a_data_page_tool_and_its_embed_use_the_organisations_words(tab, org_url):
    for path in ("onboard/onboarding-checklist/", "embed/onboard-onboarding-checklist/"):
        tab.goto(org_url + path)
        assert "A checklist for welcoming a new lived experience worker to the team" in \
            flat(tab.locator("body").inner_text())
        # Read once the checklist has started and its entries are the tool's own.
        tab.locator("html[data-tools-started]").wait_for(state="attached")
        entries = flat(" ".join(tab.locator(".hb-check__text").all_inner_texts()))
        assert OWN in entries.lower() and not HANDBOOK_WORDS.search(entries)
    # The tool still ticks and saves an entry that holds the organisation's words.
    tab.goto(org_url + "onboard/onboarding-checklist/")
    entry = tab.locator("li.hb-check", has_text=re.compile("lived experience workers?", re.IGNORECASE)).first
    entry.locator(".hb-check__input").check()
    tab.reload()
    assert tab.locator("li.hb-check", has_text=re.compile("lived experience workers?", re.IGNORECASE)).first \
        .locator(".hb-check__input").is_checked()


@pytest.mark.browser
def test_the_role_inventory_suggests_the_organisations_word_for_its_group(tab, org_url):
    tab.goto(org_url + "sustain/role-inventory/")
    tab.locator("#hb-inv-group").wait_for()
    groups = tab.locator("#hb-inv-groups option").evaluate_all("options => options.map(o => o.value)")
    assert groups[0] == "Lived experience worker" and "Person who uses the service" in groups


@pytest.mark.browser
def test_the_job_description_builder_drafts_in_the_organisations_words(tab, org_url):
    tab.goto(org_url + "recruit/job-description-builder/")
    tab.locator(".hb-builder:not([hidden])").wait_for()
    tab.get_by_label("Starting point").select_option(label="Sample: Lived Experience Worker")
    tab.once("dialog", lambda dialog: dialog.accept())
    tab.get_by_role("button", name="Start from this").click()
    preview = tab.locator(".hb-jd-preview")
    assert preview.locator("h3").first.inner_text() == "Lived Experience Worker"
    assert OWN in preview.inner_text().lower()
    assert not HANDBOOK_WORDS.search(preview.inner_text())


@pytest.mark.browser
def test_the_interview_sheet_lists_what_to_listen_for_in_the_organisations_words(tab, org_url):
    tab.goto(org_url + "recruit/interview-sheet/")
    tab.locator(".hb-builder:not([hidden])").wait_for()
    tab.locator("#hb-pick-past-work-experience").check()
    sheet = flat(tab.locator('.hb-sheet__question[data-question="past-work-experience"]').inner_text())
    assert "the worry that lived experience workers cannot cope with full-time work" in sheet


def test_word_files_and_json_exports_use_the_organisations_words(org_site):
    document = Document(org_site / "downloads/job-descriptions/general-peer-worker.docx")
    text = "\n".join(p.text for p in document.paragraphs)
    # The citations at its end keep the sources' words.
    body, sources = text.split("\nSources\n")
    assert "A Lived Experience Worker is a" in body and not HANDBOOK_WORDS.search(body)
    assert "Supervising Peer Workers toolkit, General Job Description for Peer Workers, p. 24" in sources
    checklists = (org_site / "data/checklists.json").read_text(encoding="utf-8")
    assert OWN in checklists
    # A source's own wording stays in the export, as on the pages.
    misconceptions = json.loads((org_site / "data/misconceptions.json").read_text(encoding="utf-8"))
    labels = [c.get("as") for item in misconceptions["items"] for c in item["sources"]]
    assert "Common concern: Peer workers often relapse and others must cover for them" in labels
    glossary = json.loads((org_site / "data/glossary.json").read_text(encoding="utf-8"))
    assert next(i for i in glossary["items"] if i["id"] == "peer-worker")["term"] == "Peer worker"


@pytest.mark.browser
def test_citations_and_source_titles_keep_the_sources_words(tab, org_url):
    tab.goto(org_url + "foundations/values/")
    # An `as` label: the source's own name for the value, shown in the crosswalk.
    assert tab.get_by_text("Peer workers work from a lived experience perspective").first.is_visible()
    tab.goto(org_url + "reference/sources/")
    sources = flat(tab.locator("article").inner_text())
    assert "Service user, consumer and peer workforce: a guide for managers and employers" in sources
    assert "Supervising Peer Workers: A Toolkit for Implementing" in sources
    assert "Introducing Peer Workers into Mental Health Services: An Organisational Toolkit" in sources
    # The source's short name stays in our own prose too.
    tab.goto(org_url + "supervise/models/")
    assert "the Supervising Peer Workers toolkit suggests" in flat(tab.locator("article").inner_text())


@pytest.mark.browser
def test_the_glossary_shows_both_words_and_abbreviations_still_explain(tab, org_url):
    tab.goto(org_url + "reference/glossary/")
    assert tab.locator("dt#peer-worker").inner_text() == "Peer worker (PW)"
    said = tab.locator("dt#peer-worker + dd .hb-org-term")
    assert said.inner_text() == f"{SAYS} lived experience worker"
    assert tab.locator("dt#service-user-consumer").inner_text() == "Service user; consumer"
    assert tab.locator("dt#service-user-consumer + dd .hb-org-term").inner_text() == f"{SAYS} consumer"
    # Only the entries for mapped terms say it.
    assert tab.locator(".hb-org-term").count() == 2
    tab.goto(org_url + "supervise/value-conflicts/")
    abbreviation = tab.locator("article abbr", has_text="CTO").first
    assert "a lived experience worker is asked" in abbreviation.get_attribute("title")
    abbreviation.focus()
    # Material ties the tooltip to the abbreviation once its script has run.
    expect(abbreviation).to_have_attribute("aria-describedby", re.compile(r"\S"))
    tooltip = tab.locator(f"#{abbreviation.get_attribute('aria-describedby')}")
    assert tooltip.is_visible() and "a lived experience worker is asked" in tooltip.inner_text()


def test_the_shared_handbook_keeps_its_own_words(built_site):
    page = (built_site / "start/peer-worker/index.html").read_text(encoding="utf-8")
    assert '<h1 id="for-peer-workers">For peer workers' in page
    glossary = (built_site / "reference/glossary/index.html").read_text(encoding="utf-8")
    inventory = (built_site / "sustain/role-inventory/index.html").read_text(encoding="utf-8")
    assert '<option value="Peer worker">' in inventory
    for html in (page, glossary, inventory):
        assert OWN not in html.lower() and "hb-org-term" not in html


# --- The replacement itself ----------------------------------------------------------

def wording() -> terminology.Wording:
    terms = (terminology.Term("peer worker", "peer workers", OWN, OWN + "s", "organisation.yml", 3),
             terminology.Term("service user", "service users", "consumer", "consumers", "organisation.yml", 4))
    return terminology.Wording("Example Health", terms, ["Supervising Peer Workers toolkit"])


@pytest.mark.parametrize("text, expected", [
    ("Peer workers do well.", "Lived experience workers do well."),
    ("a peer worker's day and peer workers' pay", "a lived experience worker's day and lived experience workers' pay"),
    ("THE PEER WORKER", "THE LIVED EXPERIENCE WORKER"),
    ("General Peer Worker", "General Lived Experience Worker"),
    ("service users and a Service user", "consumers and a Consumer"),
    ("a peer\n  worker, split over lines", "a lived experience worker, split over lines"),
    ("the peer workforce, non-peer workers", "the peer workforce, non-peer workers"),
    ('the words "peer worker" and “service user”', 'the words "peer worker" and “service user”'),
    ("`peer worker` [a peer worker](peer-worker.md#peer-worker)", "`peer worker` [a lived experience worker](peer-worker.md#peer-worker)"),
    ("The Supervising Peer Workers toolkit asks peer workers", "The Supervising Peer Workers toolkit asks lived experience workers"),
])
def test_whole_words_in_each_case_and_never_what_is_quoted_or_code(text, expected):
    words = wording()
    assert words.replace(text) == expected
    # Applied twice, nothing changes: an organisation's word holds no handbook word.
    assert words.replace(expected) == expected


def test_counts_what_was_replaced_and_what_was_left_as_the_sources_word_it():
    words = wording()
    words.replace('Peer workers, a service user and "peer workers" of the Supervising Peer Workers toolkit')
    assert words.summary() == "Example Health's terms: 2 replacements; 2 left as the sources word them"


def test_pages_change_only_text_and_headings_keep_their_ids():
    converted = markdown.Markdown(extensions=["attr_list", "toc", wording().extension()]).convert(
        "# Peer workers\n\n## Peer workers\n\nA peer worker reads `peer worker` in the "
        "[Supervising Peer Workers guide](../reference/sources.md#supervising-toolkit).\n\n"
        "> Peer workers, as a source puts it.\n")
    assert '<h1 id="peer-workers">Lived experience workers</h1>' in converted
    assert '<h2 id="peer-workers_1">Lived experience workers</h2>' in converted
    assert "<p>A lived experience worker reads <code>peer worker</code>" in converted
    assert ">Supervising Peer Workers guide</a>" in converted
    assert "<p>Peer workers, as a source puts it.</p>" in converted


# --- Maps with mistakes ----------------------------------------------------------------

TERMS = "terms:\n  peer worker: lived experience worker\n"
# case -> (the terms, line, field, words the message must contain)
MISTAKES = {
    "misspelt field": ("terms:\n  service user: {singular: consumer, plurl: consumers}\n", 11,
                       "terms.service user.plurl", "unknown field 'plurl'; did you mean 'plural'?"),
    "no plural": ("terms:\n  service user: {singular: consumer}\n", 11, "terms.service user",
                  "gives no plural: give both forms"),
    "empty word": ("terms:\n  peer worker: ''\n", 11, "terms.peer worker", "expected some text, got an empty value"),
    "no word": ("terms:\n  peer worker:\n", 11, "terms.peer worker", "expected the organisation's word or words"),
    "same word": ("terms:\n  peer worker: Peer worker\n", 11, "terms.peer worker",
                  "'Peer worker' is the handbook's word itself"),
    "given twice": (TERMS + "  Peer Worker: support worker\n", 12, "terms.Peer Worker",
                    "is given twice: 'peer worker' on line 11 is the same word"),
    "holds a handbook word": (TERMS + "  service user: peer worker client\n", 12, "terms.service user",
                              ("the organisation's word 'peer worker client' holds 'peer worker', a "
                               "handbook word the map replaces")),
    "a list": ("terms: [peer worker]\n", 10, "terms", "expected lines of 'handbook word: organisation's word'"),
    "markup": ("terms:\n  peer worker: '<b>lived</b> experience worker'\n", 11, "terms.peer worker",
               "expected the organisation's word or words"),
    "not words": ("terms:\n  peer worker!: helper\n", 11, "terms.peer worker!",
                  "'peer worker!' is not a word or words of the handbook"),
}


def test_a_map_loads_with_plurals_given_or_made_and_words_in_any_script(tmp_path):
    folder = overlay(tmp_path / "org", GOOD + TERMS + "  Service user: {singular: tāngata whaiora, "
                     "plural: tāngata whaiora}\n")
    terms = load_organisation(folder, ROOT / "data" / "schema", tmp_path).terms
    assert [(t.word, t.plural, t.own, t.own_plural, t.line) for t in terms] == [
        ("peer worker", "peer workers", OWN, OWN + "s", 11),
        ("service user", "service users", "tāngata whaiora", "tāngata whaiora", 12)]


@pytest.mark.parametrize("case", sorted(MISTAKES))
def test_each_mistake_in_the_map_is_one_message_with_file_line_and_field(tmp_path, case):
    terms, line, field, words = MISTAKES[case]
    problem = refusal(overlay(tmp_path / "org", GOOD + terms))
    assert (problem.file, problem.line, problem.field) == ("org/organisation.yml", line, field)
    assert words in problem.message


def test_a_term_the_handbook_never_uses_is_named_with_the_nearest_it_does(tmp_path):
    folder = overlay(tmp_path / "org", GOOD + TERMS + "  peer mentr: guide\n")
    organisation = load_organisation(folder, ROOT / "data" / "schema", tmp_path)
    # A handbook of its own: the map changes the data it is given.
    book = load_handbook(ROOT / "data", root=ROOT)
    with pytest.raises(DataError) as refused:
        terminology.apply_to_handbook(organisation, book, ROOT / "docs")
    assert str(refused.value) == (
        "The organisation overlay has 1 problem:\n  - org/organisation.yml:12: terms.peer mentr: the "
        "handbook never uses 'peer mentr' (did you mean 'peer mentor'?); a term is one of the "
        "handbook's words, as its pages write it")


def test_a_term_given_in_the_plural_is_refused(tmp_path):
    folder = overlay(tmp_path / "org", GOOD + "terms:\n  service users: consumers\n  crisis: emergency\n")
    organisation = load_organisation(folder, ROOT / "data" / "schema", tmp_path)
    with pytest.raises(DataError) as refused:
        terminology.apply_to_handbook(organisation, load_handbook(ROOT / "data", root=ROOT), ROOT / "docs")
    [problem] = refused.value.problems
    assert (problem.line, problem.field) == (11, "terms.service users")
    assert problem.message.startswith("'service users' is the plural of 'service user', which the "
                                      "handbook uses too: give the singular")


def test_the_build_stops_on_an_unused_term_before_writing_a_page(tmp_path):
    folder = overlay(tmp_path / "org", GOOD + "terms:\n  tangata whaiora: person\n")
    site = tmp_path / "site"
    result = run_mkdocs("build", "--strict", "--site-dir", str(site), env={"HANDBOOK_ORG": str(folder)})
    assert result.returncode != 0
    assert (f"{Path(folder).resolve().as_posix()}/organisation.yml:11: terms.tangata whaiora: the "
            "handbook never uses 'tangata whaiora'") in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site / "index.html").exists()
