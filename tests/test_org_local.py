"""An organisation's own notes and items in its edition (examples/example-health, built
once by conftest): the note beside `mutuality`, the local checklist entry and the two
local interview questions as readers use them; overlays with mistakes, each refused
with one message; and the shared handbook without any of it."""
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT, assert_accessible, run_mkdocs
from macros import differences, local_items, local_notes
from macros.blocks import BLOCKS
from macros.handbook import entries_with_ids
from macros.overlay import SUBJECT, load_organisation
from macros.placement import Placements
from macros.problems import DataError, Problem
from macros.render import Renderer
from macros.works import WorksCited
from test_interview_sheet import printed as printed_copy
from test_markup import check, known_material_error
from test_schemas import validator
from test_print import printed

SCHEMAS = ROOT / "data" / "schema"
NOTE = ("Example Health: At Example Health, lived experience workers and the people they "
        "support set the goals of their work together at the first meeting and review them "
        "every six weeks.")
VALUES = "foundations/values/"
CHECKLIST = "onboard/onboarding-checklist/"
SHEET = "recruit/interview-sheet/"
ENTRY = "example-health-buddy-shift"
QUESTIONS = {"example-health-night-shift": "Our crisis house runs through the night.",
             "example-health-family": "Many people we support bring family or friends"}


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture
def tab(org_tab):
    return org_tab


# --- The note beside its item ----------------------------------------------------------

@pytest.mark.browser
def test_the_note_shows_beside_its_item_as_the_organisations_own(tab, org_url):
    tab.goto(org_url + VALUES)
    notes = tab.locator(".hb-local-note")
    assert notes.count() == 1
    note = notes.first
    note.scroll_into_view_if_needed()
    # The values are laid out as they come into view (content-visibility: auto).
    tab.wait_for_function("n => n.innerText.length > 0", arg=note.element_handle())
    # In the item for mutuality, after its citations and outside them.
    assert note.evaluate("n => n.closest('[data-item]').dataset.item") == "mutuality"
    assert note.evaluate("n => n.closest('.hb-cite, .hb-sources, .hb-views') === null")
    assert note.evaluate("n => n.previousElementSibling.matches('.hb-cite, .hb-sources')")
    assert flat(note.inner_text()).startswith(NOTE)
    assert note.locator(".hb-local-note__label").inner_text() == "Example Health:"
    # Named for assistive technology, and set apart from the text around it.
    assert note.get_attribute("role") == "note"
    assert tab.get_by_role("note", name="Note from Example Health").count() == 1
    style = note.evaluate("n => [getComputedStyle(n).borderLeftWidth, getComputedStyle(n).backgroundColor]")
    assert style[0] != "0px" and style[1] != "rgba(0, 0, 0, 0)"
    # The citations still cite only the sources.
    cited = flat(tab.locator("[data-item=mutuality] .hb-cite").inner_text())
    assert "Example Health" not in cited and "Te Pou guide" in cited


@pytest.mark.browser
def test_the_note_is_printed_and_embedded(tab, org_url):
    text = flat(" ".join(printed(tab, org_url + VALUES)))
    assert NOTE in text
    tab.goto(org_url + "embed/foundations-values/")
    note = tab.locator("[data-item=mutuality] .hb-local-note")
    assert note.is_visible() and flat(note.text_content()).startswith(NOTE)


@pytest.mark.browser
def test_the_page_with_the_note_has_no_accessibility_violations(tab, org_url):
    tab.goto(org_url + VALUES)
    tab.locator("html[data-tools-started]").wait_for(state="attached")
    assert_accessible(tab)


def test_every_item_a_block_shows_shows_its_note(handbook):
    """A note on any id, at any depth of any collection, shows where a block shows the
    item: no template leaves the note out."""
    ids = {(name, entry["id"]) for name, collection in handbook.collections.items()
           for entry, _ in entries_with_ids(collection.data)}
    notes = local_notes.LocalNotes("Example Health", {key: f"On {key[0]}/{key[1]}." for key in ids})
    placements = Placements(ROOT / "docs")
    renderer = Renderer(handbook, notes=notes, shared={
        "primary": handbook["sources"].items, "noted": differences.collect(handbook, placements),
        "works_cited": WorksCited(handbook, placements), "organisation_says": {}})
    shown = set()
    for (name, subset), url in placements.urls.items():
        if name in BLOCKS:
            html = renderer.render(BLOCKS[name].template, BLOCKS[name].collection, url, subset=subset)
            shown |= set(re.findall(r'<div class="hb-local-note" role="note" aria-label="Note from '
                                    r'Example Health">\s*<p><span class="hb-local-note__label">'
                                    r'Example Health:</span> On ([a-z_]+)/([a-z0-9-]+)\.</p>', html))
    assert len(ids) > 1000 and ids - shown == set()


def test_pages_with_notes_and_local_items_are_valid_html(org_site):
    pages = [org_site / path / "index.html" for path in (VALUES, SHEET, "reference/sources")]
    assert [message for message in check(pages) if known_material_error(message) is None] == []


# --- The local checklist entry ---------------------------------------------------------

@pytest.mark.browser
def test_the_local_checklist_entry_ticks_saves_and_exports(tab, org_url, tmp_path):
    tab.goto(org_url + CHECKLIST)
    tab.locator(".hb-toolbar").first.wait_for()
    entry = tab.locator(f"li.hb-check#{ENTRY}")
    entry.scroll_into_view_if_needed()
    assert "two shifts beside an experienced lived experience worker" in flat(entry.inner_text())
    # It is the last entry of the onboarding checklist, and cites the organisation.
    assert tab.locator("[data-list=onboarding] li.hb-check").last.get_attribute("id") == ENTRY
    citation = entry.locator(".hb-sources")
    assert flat(citation.inner_text()) == "Sources: Example Health, Induction policy, section 3."
    assert citation.locator("a").evaluate("a => a.href") == org_url + "reference/sources/#organisation"

    entry.locator(".hb-check__input").check()
    tab.reload()
    tab.locator(".hb-toolbar").first.wait_for()
    assert tab.locator(f"#{ENTRY} .hb-check__input").is_checked()
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Export for importing later (JSON)").click()
    download.value.save_as(tmp_path / "answers.json")
    record = json.loads((tmp_path / "answers.json").read_text())
    assert record["tool"] == "checklist:onboarding"
    assert record["answers"][ENTRY]["checked"] is True


@pytest.mark.browser
def test_the_sources_page_names_the_organisation_as_the_source_of_its_items(tab, org_url):
    tab.goto(org_url + "reference/sources/#organisation")
    assert tab.locator("h2#organisation").inner_text().startswith("Example Health")
    text = flat(tab.locator("[data-item=organisation]").inner_text())
    assert "do not come from the five source documents" in text
    # The five documents are still the five under their heading.
    assert tab.locator("h3[id]").count() == 5


# --- The local interview questions -----------------------------------------------------

@pytest.mark.browser
def test_the_local_questions_can_be_chosen_in_the_sheet_builder_and_print(tab, org_url):
    tab.goto(org_url + SHEET)
    tab.locator(".hb-builder:not([hidden])").wait_for()
    for question in QUESTIONS:
        tab.locator(f"#hb-pick-{question}").check()
    text = " ".join(printed_copy(tab, "panel"))
    for opening in QUESTIONS.values():
        assert opening in text
    assert "Knowing whom to call, and being willing to call." in text


def test_local_items_are_in_the_json_exports(org_site):
    exported = {name: json.loads((org_site / f"data/{name}.json").read_text())
                for name in ("checklists", "interview_questions", "sources")}
    for name, data in exported.items():
        # Still in the shape the published schemas give.
        assert list(validator(org_site / "schema", name).iter_errors(data)) == []
    checklists, questions, sources = exported.values()

    def items(export):
        return {item["id"]: item for item in export["items"]}
    assert items(checklists)[ENTRY]["sources"] == [
        {"source": "organisation", "where": "Induction policy, section 3"}]
    assert set(QUESTIONS) <= set(items(questions))
    assert items(sources)["organisation"]["kind"] == "organisation"


# --- The shared handbook is untouched ------------------------------------------------

def test_the_shared_handbook_has_no_notes_or_local_items(built_site):
    for path in (VALUES, CHECKLIST, SHEET, "reference/sources/"):
        page = (built_site / path / "index.html").read_text(encoding="utf-8")
        assert "hb-local-note" not in page and "example-health" not in page
        assert 'id="organisation"' not in page
    sources = json.loads((built_site / "data/sources.json").read_text())
    assert {s["kind"] for s in sources["items"]} == {"primary"}


# --- Overlays with mistakes ------------------------------------------------------------

ORGANISATION = """\
name: Example Health
notes:
  mutuality: Our own note.
"""
ENTRIES = """\
items:
  - id: example-health-buddy-shift
    list: onboarding
    text: Two shifts beside an experienced worker.
    sources:
      - source: organisation
        where: Induction policy, section 3
"""


def overlay(folder: Path, organisation: str = ORGANISATION, **data: str) -> Path:
    """An overlay folder: organisation.yml and data/<name>.yml files."""
    (folder / "data").mkdir(parents=True)
    (folder / "organisation.yml").write_text(organisation, encoding="utf-8")
    for name, text in data.items():
        (folder / "data" / name.replace("_yml", ".yml")).write_text(text, encoding="utf-8")
    return folder


def loaded(folder: Path, handbook):
    """The overlay as the build loads it: read and checked, its items merged into the
    handbook, its notes checked against them."""
    organisation = load_organisation(folder, SCHEMAS, folder.parent)
    book = local_items.merge(handbook, organisation.name, organisation.local_data, SCHEMAS,
                             ROOT, SUBJECT)
    return book, local_notes.resolve(book, organisation.name, organisation.notes, SUBJECT)


def refusal(folder: Path, handbook) -> Problem:
    with pytest.raises(DataError) as refused:
        loaded(folder, handbook)
    assert str(refused.value).startswith("The organisation overlay has 1 problem:")
    [problem] = refused.value.problems
    return problem


def test_a_good_overlay_merges_its_items_and_notes(tmp_path, handbook):
    book, notes = loaded(overlay(tmp_path / "org", checklists_yml=ENTRIES), handbook)
    assert notes.get("values", "mutuality") == "Our own note."
    assert book.lookup("checklists", "example-health-buddy-shift")["list"] == "onboarding"
    assert book.lookup("sources", "organisation")["short"] == "Example Health"
    assert len(book["checklists"].items) == len(handbook["checklists"].items) + 1
    # The handbook as loaded is left as it was.
    assert not handbook.has("checklists", "example-health-buddy-shift")
    assert not handbook.has("sources", "organisation")


def test_a_local_section_may_hold_local_entries(tmp_path, handbook):
    sectioned = """\
sections:
  - id: example-health-supervision
    list: readiness
    title: Our supervisors
    sources: [{source: organisation, where: "Supervision policy"}]
items:
  - id: example-health-supervisor-trained
    list: readiness
    section: example-health-supervision
    text: Every supervisor of a lived experience worker has done our two-day course.
    sources: [{source: organisation, where: "Supervision policy, section 1"}]
"""
    book, _ = loaded(overlay(tmp_path / "org", checklists_yml=sectioned), handbook)
    [entry] = book["checklists"].having("section", "example-health-supervision")
    assert entry["id"] == "example-health-supervisor-trained"
    assert book["checklists"].having("list", "readiness", "sections")[-1]["id"] == "example-health-supervision"


def test_a_note_may_name_its_collection_where_two_use_the_id(tmp_path, handbook):
    _, notes = loaded(overlay(tmp_path / "org", ORGANISATION.replace("mutuality", "checklists/readiness")),
                      handbook)
    assert notes.get("checklists", "readiness") == "Our own note." and not notes.get("guidance", "readiness")


# case -> (organisation.yml, data files, file, line, field, words the message must contain)
MISTAKES = {
    "note on an unknown id": (
        ORGANISATION.replace("mutuality", "mutualty"), {}, "org/organisation.yml", 3,
        "notes.mutualty", "no item in the handbook has the id 'mutualty' (did you mean 'mutuality'?)"),
    "note on an id two collections use": (
        ORGANISATION.replace("mutuality", "readiness"), {}, "org/organisation.yml", 3,
        "notes.readiness", "write 'checklists/readiness' or 'guidance/readiness' to say which"),
    "note on an id its collection lacks": (
        ORGANISATION.replace("mutuality", "values/onboard-mentor"), {}, "org/organisation.yml", 3,
        "notes.values/onboard-mentor", "no item in values has the id 'onboard-mentor'"),
    "note with HTML": (
        ORGANISATION.replace("Our own", "<b>Our</b> own"), {}, "org/organisation.yml", 3,
        "notes.mutuality", "contains HTML"),
    "local entry with a misspelt field": (
        ORGANISATION, {"checklists_yml": ENTRIES.replace("    sources:", "    detail: [Bring a lunch.]\n    sources:")},
        "org/data/checklists.yml", 5, "items[0].detail (item 'example-health-buddy-shift')",
        "unknown field 'detail'; did you mean 'details'?"),
    "local id the handbook uses": (
        ORGANISATION, {"checklists_yml": ENTRIES.replace("example-health-buddy-shift", "onboard-mentor")},
        "org/data/checklists.yml", 2, "items[0].id (item 'onboard-mentor')",
        "'onboard-mentor' is already the id of an entry in data/checklists.yml (line"),
    "local entry on a checklist that does not exist": (
        ORGANISATION, {"checklists_yml": ENTRIES.replace("list: onboarding", "list: onbording")},
        "org/data/checklists.yml", 3, "items[0].list (item 'example-health-buddy-shift')",
        "'onbording' is not a known checklists lists id (did you mean 'onboarding'?)"),
    "local entry that cites only a handbook source": (
        ORGANISATION, {"checklists_yml": ENTRIES.replace("source: organisation", "source: tepou-guide")},
        "org/data/checklists.yml", 5, "items[0].sources (item 'example-health-buddy-shift')",
        "a local entry cites the organisation: add {source: organisation"),
    "local entry outside the sections of its checklist": (
        ORGANISATION, {"checklists_yml": ENTRIES.replace("list: onboarding", "list: readiness")},
        "org/data/checklists.yml", 3, "items[0].list (item 'example-health-buddy-shift')",
        "the checklist 'readiness' has sections: add 'section:' naming one of readiness-leadership, "),
    "local entry in another checklist's section": (
        ORGANISATION, {"checklists_yml": ENTRIES.replace(
            "list: onboarding", "list: onboarding\n    section: readiness-leadership")},
        "org/data/checklists.yml", 4, "items[0].section (item 'example-health-buddy-shift')",
        "the section 'readiness-leadership' belongs to the checklist 'readiness', not to 'onboarding'"),
    "local entry with a list for its section": (
        ORGANISATION, {"checklists_yml": ENTRIES.replace("list: onboarding", "list: readiness\n    section: [x]")},
        "org/data/checklists.yml", 4, "items[0].section (item 'example-health-buddy-shift')",
        "expected a lowercase slug"),
    "local entry citing a misspelt source": (
        ORGANISATION, {"checklists_yml": ENTRIES.replace("source: organisation", "source: organisatio")},
        "org/data/checklists.yml", 6, "items[0].sources[0].source (item 'example-health-buddy-shift')",
        "'organisatio' is not a known sources id (did you mean 'organisation'?)"),
    "a new checklist": (
        ORGANISATION, {"checklists_yml": "lists:\n  - id: ours\n" + ENTRIES}, "org/data/checklists.yml",
        1, "lists", "unknown field 'lists'; did you mean 'items'? allowed fields here: items, sections"),
    "a data file the overlay may not hold": (
        ORGANISATION, {"checklist_yml": ENTRIES}, "org/data/checklist.yml", 0, "",
        "did you mean 'checklists.yml'? it may hold checklists.yml, interview_questions.yml"),
    "a local question with a bad topic": (
        ORGANISATION, {"interview_questions_yml": """\
items:
  - id: example-health-night-shift
    group: provider-lived-experience
    kind: question
    topics: [welbeing]
    question: What helps you stay well on a night shift?
    listen_for: [A plan for rest.]
    sources: [{source: organisation, where: "Recruitment guide, part 4"}]
"""}, "org/data/interview_questions.yml", 5, "items[0].topics[0] (item 'example-health-night-shift')",
        "'welbeing' is not a known interview questions topics id (did you mean 'wellbeing'?)"),
}


@pytest.mark.parametrize("case", sorted(MISTAKES))
def test_each_mistake_is_one_message_with_file_line_and_field(tmp_path, handbook, case):
    organisation, data, file, line, field, words = MISTAKES[case]
    problem = refusal(overlay(tmp_path / "org", organisation, **data), handbook)
    assert (problem.file, problem.line, problem.field) == (file, line, field), problem
    assert words in problem.message, problem.message


def test_the_build_stops_on_a_note_whose_item_is_gone(tmp_path):
    folder = overlay(tmp_path / "org", ORGANISATION.replace("mutuality", "mutualty"))
    result = run_mkdocs("build", "--strict", "--site-dir", str(tmp_path / "site"),
                        env={"HANDBOOK_ORG": str(folder)})
    assert result.returncode != 0
    assert (f"{folder}/organisation.yml:3: notes.mutualty: no item in the handbook has the id "
            "'mutualty' (did you mean 'mutuality'?)") in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_example_overlays_local_files_are_inputs_of_the_build_cache(tmp_path):
    """Organisation.digest keys every rendered block: an edit to a local file changes it."""
    copy = shutil.copytree(EXAMPLE, tmp_path / "org")
    before = load_organisation(copy, SCHEMAS, tmp_path, docs_dir=ROOT / "docs").digest
    entries = copy / "data" / "checklists.yml"
    entries.write_text(entries.read_text().replace("two shifts", "three shifts"))
    assert load_organisation(copy, SCHEMAS, tmp_path, docs_dir=ROOT / "docs").digest != before
