"""Job descriptions to take away: the Word templates made at build time, and the
builder in Chromium with its language check, print layout and Word download."""
import io
import re

import pytest
from bs4 import BeautifulSoup
from docx import Document
from pypdf import PdfReader

from conftest import ROOT, assert_accessible
from macros.handbook import load_handbook

BUILDER = "recruit/job-description-builder/"
EXCLUDED_HEADING = "What this role does not include"


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT / "data", root=ROOT)


@pytest.fixture(scope="module")
def jd(handbook):
    return handbook["job_descriptions"].data


def outline(path):
    """(style, text) for every paragraph of a .docx, as Word sees its structure."""
    return [(p.style.name, p.text) for p in Document(path).paragraphs]


# --- Word templates, made at build time ---

def test_each_sample_has_a_word_template_with_its_structure(built_site, jd):
    tasks = [point["task"] for point in jd["not_included"]["points"]]
    for sample in jd["samples"]:
        paragraphs = outline(built_site / "downloads/job-descriptions" / f"{sample['id']}.docx")
        assert ("Title", sample["title"]) in paragraphs
        headings2 = [text for style, text in paragraphs if style == "Heading 2"]
        assert headings2 == [section["heading"] for section in sample["sections"]]
        bullets = [text for style, text in paragraphs if style == "List Bullet"]
        for section in sample["sections"]:
            for point in section.get("points", []):
                assert point in bullets
            if section.get("text"):
                assert ("Normal", section["text"]) in paragraphs
        # Responsibilities sit under their Heading 1, and the excluded tasks under theirs.
        names = [text for style, text in paragraphs if style == "Heading 1"]
        assert "Core responsibilities and duties" in names and EXCLUDED_HEADING in names
        after = paragraphs[paragraphs.index(("Heading 1", EXCLUDED_HEADING)) + 1:]
        assert [text for _, text in after[:len(tasks)]] == tasks


def test_the_blank_template_has_a_heading_for_every_component(built_site, jd):
    paragraphs = outline(built_site / "downloads/job-descriptions/blank.docx")
    names = [text for style, text in paragraphs if style == "Heading 1"]
    assert names[:len(jd["components"])] == [c["name"] for c in jd["components"]]
    assert EXCLUDED_HEADING in names
    for component in jd["components"]:
        assert ("Normal", f"What to write: {component['description']}") in paragraphs


def test_the_job_descriptions_page_links_every_template(built_site, jd):
    page = BeautifulSoup((built_site / "recruit/job-descriptions/index.html").read_text(), "html.parser")
    links = {a["href"] for a in page.select(".hb-downloads a[download]")}
    assert links == {f"../../downloads/job-descriptions/{name}.docx"
                     for name in [s["id"] for s in jd["samples"]] + ["blank"]}


# --- The builder, in Chromium ---

def open_builder(page, site_url):
    page.goto(site_url + BUILDER)
    page.locator(".hb-builder:not([hidden])").wait_for()


def start_from(page, title):
    page.get_by_label("Starting point").select_option(label=title)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Start from this").click()


@pytest.mark.browser
def test_language_check_flags_each_listed_term_and_none_of_the_alternatives(page, site_url, handbook):
    open_builder(page, site_url)
    pairs = [p for p in handbook["language"].items if "flag" in p]
    terms = {term: p["id"] for p in pairs for term in p["flag"]}
    for required in ("non-compliant", "suffers from", "mentally ill", "the mentally ill"):
        assert required in terms
    alternatives = [text for p in pairs for text in p["suggest"] + [p["open"]]]
    result = page.evaluate("""async ([url, terms, alternatives]) => {
        const { LanguageCheck } = await import(url);
        const pairs = JSON.parse(document.querySelector('.hb-jd-data').textContent).language;
        const check = new LanguageCheck(pairs);
        const flagged = Object.keys(terms).map((term) => {
          const hits = check.find(`Our team says she ${term} today.`);
          return [term, hits.map((h) => [h.phrase.toLowerCase(), h.pair.id])];
        });
        const missed = alternatives.filter((text) => check.find(`She ${text} now.`).length);
        return { flagged, missed };
    }""", [site_url + "assets/js/language-check.js", terms, alternatives])
    for term, hits in result["flagged"]:
        assert hits == [[term.lower(), terms[term]]], (term, hits)
    assert result["missed"] == []


@pytest.mark.browser
def test_language_check_in_the_builder_points_to_the_wording(page, site_url):
    open_builder(page, site_url)
    function_text = page.locator('[data-component="function"] textarea').first
    function_text.fill("Supports the mentally ill. Works with people who are non-compliant.")
    findings = page.locator(".hb-jd-finding")
    assert findings.count() == 2
    assert "“the mentally ill” in Function, section 1: text" in findings.nth(0).inner_text()
    assert "lived experience of mental distress" in findings.nth(0).inner_text()
    assert page.locator(".hb-jd-check__status").inner_text() == "2 phrases to reconsider."
    findings.nth(1).get_by_role("button").click()
    assert page.evaluate("document.activeElement.value.slice(document.activeElement.selectionStart, "
                         "document.activeElement.selectionEnd)") == "non-compliant"
    function_text.fill("Supports people with lived experience of mental distress who use the service.")
    assert findings.count() == 0
    assert page.locator(".hb-jd-check__status").inner_text() == "No closed or clinical wording found."


@pytest.mark.browser
def test_a_sample_becomes_a_word_file_with_headings_duties_and_exclusions(page, site_url, jd, tmp_path):
    open_builder(page, site_url)
    sample = next(s for s in jd["samples"] if s["id"] == "general-peer-worker")
    start_from(page, f"Sample: {sample['title']}")
    page.get_by_role("textbox", name="Job title", exact=True).fill("Peer Support Worker, Riverside")
    responsibilities = page.locator('[data-component="responsibilities"]')
    responsibilities.get_by_role("button", name="Add a responsibility").click()
    new = responsibilities.locator(".hb-jd-section").last
    new.get_by_label("Responsibility", exact=True).fill("Running recovery groups")
    new.get_by_label("Duties, one per line").fill("Plan each group with its members\nShare the facilitation")
    statement = next(s for s in jd["items"] if s["component"] == "responsibilities")
    responsibilities.locator(".hb-jd-library summary").click()
    responsibilities.get_by_role("button", name=f"Add to Core responsibilities and duties: {statement['text'][:70]}").click()
    tasks = [point["task"] for point in jd["not_included"]["points"]]
    page.get_by_label(tasks[0]).check()
    page.get_by_label(tasks[1]).check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download for Word (.docx)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "peer-support-worker-riverside.docx"
    paragraphs = outline(path)
    assert paragraphs[0] == ("Title", "Peer Support Worker, Riverside")
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings == ["Function", "Core responsibilities and duties", "Qualifications and competencies",
                        EXCLUDED_HEADING]
    assert ("Heading 2", "Essential duties") in paragraphs
    assert ("Heading 2", "Running recovery groups") in paragraphs
    bullets = [text for style, text in paragraphs if style == "List Bullet"]
    for duty in ("Plan each group with its members", "Share the facilitation", statement["text"],
                 sample["sections"][1]["points"][0]):
        assert duty in bullets
    excluded = paragraphs[paragraphs.index(("Heading 1", EXCLUDED_HEADING)) + 1:][:2]
    assert excluded == [("List Bullet", tasks[0]), ("List Bullet", tasks[1])]


@pytest.mark.browser
def test_the_draft_is_kept_after_reload(page, site_url):
    open_builder(page, site_url)
    page.get_by_role("textbox", name="Job title", exact=True).fill("Recovery Coach")
    page.locator('[data-component="function"] textarea').first.fill("Walks alongside people in recovery.")
    page.reload()
    page.locator(".hb-builder:not([hidden])").wait_for()
    assert page.get_by_role("textbox", name="Job title", exact=True).input_value() == "Recovery Coach"
    assert page.locator(".hb-jd-preview").inner_text().startswith("Recovery Coach")
    assert "Walks alongside people in recovery." in page.locator(".hb-jd-preview").inner_text()


@pytest.mark.browser
def test_the_printed_draft_is_the_job_description_alone(page, site_url, jd):
    open_builder(page, site_url)
    start_from(page, "Sample: Advocate")
    page.wait_for_function("[...document.querySelectorAll('style[media=print]')]"
                           ".some(s => s.textContent.includes('Printed'))")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    text = re.sub(r"\s+", " ", text)
    assert "Advocate" in text and "Main duties and responsibilities: advocacy" in text
    for control in ("Starting point", "Language check", "Download for Word", "Sample statements"):
        assert control not in text


@pytest.mark.browser
def test_the_builder_stays_accessible_after_use(page, site_url):
    open_builder(page, site_url)
    start_from(page, "Sample: Peer Coordinator")
    page.locator('[data-component="function"] textarea').first.fill("Supports patients.")
    page.locator(".hb-jd-library summary").first.click()
    assert_accessible(page)


@pytest.mark.browser
def test_without_javascript_the_builder_page_shows_the_outline_and_templates(browser, site_url, jd):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + BUILDER)
    outline_items = page.locator(".hb-jd-outline li")
    assert outline_items.count() == len(jd["components"]) + 1
    assert page.get_by_role("link", name="Word template").is_visible()
    context.close()
