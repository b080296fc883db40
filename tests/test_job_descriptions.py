"""Job descriptions to take away: the Word templates made at build time, and the
builder in Chromium with its language check, print layout and Word download."""
import io
import re

import pytest
from bs4 import BeautifulSoup
from docx import Document
from pypdf import PdfReader

from conftest import assert_accessible, wait_until_printable

BUILDER = "recruit/job-description-builder/"
EXCLUDED_HEADING = "What this role does not include"
# Notes meant for whoever edits a sample, once inside the samples' own text.
EDITOR_NOTES = ("from page 73", "Ontario courses", "does not spell out", "The sample points to")


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


def test_sample_word_templates_carry_no_notes_meant_for_editors(built_site, jd):
    for sample in jd["samples"]:
        text = "\n".join(text for _, text in outline(built_site / "downloads/job-descriptions" / f"{sample['id']}.docx"))
        for note in EDITOR_NOTES:
            assert note.lower() not in text.lower(), (sample["id"], note)
    # The advice moved to each sample's own guidance, shown beside the sample's text.
    page = BeautifulSoup((built_site / "recruit/job-descriptions/index.html").read_text(), "html.parser")
    for sample in (s for s in jd["samples"] if s.get("guidance")):
        shown = page.select_one(f'[data-sample="{sample["id"]}"] .hb-sample__guidance').get_text(" ", strip=True)
        assert re.sub(r"\s+", " ", sample["guidance"][0])[:40] in re.sub(r"\s+", " ", shown)


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
    assert page.locator(".hb-jd-preview h3").first.inner_text() == "Recovery Coach"
    assert "Walks alongside people in recovery." in page.locator(".hb-jd-preview").inner_text()


@pytest.mark.browser
def test_the_printed_draft_is_the_job_description_alone(page, site_url, jd):
    open_builder(page, site_url)
    start_from(page, "Sample: Advocate")
    wait_until_printable(page)
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


# --- The builder as a document editor: preview beside, check on top ---

def box(locator):
    return locator.bounding_box()


@pytest.mark.browser
def test_on_a_wide_screen_the_labelled_preview_sits_beside_the_form_and_stays_in_view(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    open_builder(page, site_url)
    preview = page.get_by_role("region", name="Preview of your job description")
    form, shown = box(page.locator(".hb-builder")), box(preview)
    assert shown["x"] >= form["x"] + form["width"]
    assert shown["y"] < form["y"] + form["height"] and form["y"] < shown["y"] + shown["height"]
    assert preview.get_by_role("heading", name="Preview of your job description").is_visible()
    # Deep in the form, the preview is still on screen.
    page.locator('[data-component="qualifications"] textarea').first.scroll_into_view_if_needed()
    top = box(preview)["y"]
    assert 0 <= top < 900
    assert page.get_by_role("link", name="Jump to preview").is_hidden()


@pytest.mark.browser
def test_on_a_phone_the_preview_follows_the_form_and_a_link_leads_to_it(page, site_url):
    page.set_viewport_size({"width": 390, "height": 800})
    open_builder(page, site_url)
    form, shown = box(page.locator(".hb-builder")), box(page.locator(".hb-jd-preview"))
    assert shown["y"] >= form["y"] + form["height"]
    link = page.get_by_role("link", name="Jump to preview")
    assert box(link)["y"] < box(page.locator(".hb-jd-editor"))["y"]
    link.click()
    assert page.evaluate("document.activeElement.id") == "hb-jd-preview"
    top = box(page.locator(".hb-jd-preview"))["y"]
    assert 0 <= top < 800
    assert_accessible(page)


@pytest.mark.browser
def test_the_language_check_is_summed_up_above_the_form_with_links_to_each_finding(page, site_url):
    open_builder(page, site_url)
    page.locator('[data-component="function"] textarea').first.fill(
        "Supports the mentally ill. Works with people who are non-compliant and who suffer from stress.")
    summary = page.locator(".hb-jd-summary")
    assert box(summary)["y"] + box(summary)["height"] <= box(page.locator(".hb-jd-editor"))["y"]
    findings = page.locator(".hb-jd-finding")
    assert findings.count() == 3
    assert summary.get_by_role("status").inner_text() == "Language check: 3 phrases to review."
    links = summary.get_by_role("link")
    assert links.count() == 3
    assert links.nth(1).inner_text() == "“non-compliant” in Function, section 1: text"
    links.nth(1).click()
    assert page.evaluate("document.activeElement.id") == findings.nth(1).get_attribute("id")
    assert "non-compliant" in page.evaluate("document.activeElement.innerText")
    # The entry's own button still selects the phrase in its field.
    findings.nth(1).get_by_role("button", name="Go to “non-compliant”").click()
    assert page.evaluate("document.activeElement.value.slice(document.activeElement.selectionStart, "
                         "document.activeElement.selectionEnd)") == "non-compliant"
    page.locator('[data-component="function"] textarea').first.fill("Walks alongside people in recovery.")
    assert summary.get_by_role("status").inner_text() == "Language check: no closed or clinical wording found."
    assert links.count() == 0


@pytest.mark.browser
def test_start_from_this_warns_only_when_an_edited_draft_would_be_lost(page, site_url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    open_builder(page, site_url)
    start = page.get_by_role("button", name="Start from this")
    # An untouched blank draft, then an untouched sample: nothing to lose.
    page.get_by_label("Starting point").select_option(label="Sample: Advocate")
    start.click()
    assert page.get_by_role("textbox", name="Job title", exact=True).input_value() == "Advocate"
    page.reload()
    page.locator(".hb-builder:not([hidden])").wait_for()
    page.get_by_label("Starting point").select_option(label="Sample: Peer Worker")
    start.click()
    assert page.get_by_role("textbox", name="Job title", exact=True).input_value() == "Peer Worker"
    assert dialogs == []
    # An edited draft: the reader is asked first.
    page.get_by_role("textbox", name="Job title", exact=True).fill("Peer Worker, Northside")
    page.get_by_label("Starting point").select_option(label="Blank")
    start.click()
    assert len(dialogs) == 1 and "will be lost" in dialogs[0]
    assert page.get_by_role("textbox", name="Job title", exact=True).input_value() == ""


@pytest.mark.browser
def test_sample_drafts_hold_no_editor_notes_and_show_their_advice_beside_the_draft(page, site_url, jd, tmp_path):
    open_builder(page, site_url)
    for sample in jd["samples"]:
        start_from(page, f"Sample: {sample['title']}")
        values = "\n".join(page.locator(".hb-jd-editor textarea, .hb-jd-editor input[type=text]").evaluate_all(
            "(fields) => fields.map((field) => field.value)"))
        assert sample["title"] in values
        drafted = values + page.locator(".hb-jd-preview").inner_text()
        for note in EDITOR_NOTES:
            assert note.lower() not in drafted.lower(), (sample["id"], note)
        advice = page.get_by_role("complementary", name=f'Before you use the sample "{sample["title"]}"')
        if sample.get("guidance"):
            assert re.sub(r"\s+", " ", sample["guidance"][0]) in advice.inner_text()
        else:
            assert advice.count() == 0
    with page.expect_download() as download:
        page.get_by_role("button", name="Download for Word (.docx)").click()
    path = tmp_path / "draft.docx"
    download.value.save_as(path)
    text = "\n".join(text for _, text in outline(path))
    assert jd["samples"][-1]["title"] in text
    for note in EDITOR_NOTES:
        assert note.lower() not in text.lower()
    assert "Before you use" not in text


@pytest.mark.browser
def test_an_empty_part_opens_with_fields_ready_to_type_into(page, site_url, jd):
    open_builder(page, site_url)
    sample = next(s for s in jd["samples"] if s["id"] == "general-peer-worker")
    assert "employment-conditions" not in {section["component"] for section in sample["sections"]}
    start_from(page, f"Sample: {sample['title']}")
    part = page.locator('[data-component="employment-conditions"]')
    heading = part.get_by_role("textbox", name="Heading")
    assert heading.count() == 1 and heading.is_visible() and heading.is_editable()
    heading.fill("Hours")
    part.get_by_role("textbox", name="Text").fill("Thirty hours a week, daytime.")
    assert "Thirty hours a week, daytime." in page.locator(".hb-jd-preview").inner_text()
    # Removing the only section leaves an empty one, not a lone button.
    part.get_by_role("button", name="Remove").click()
    assert part.get_by_role("textbox", name="Heading").input_value() == ""
