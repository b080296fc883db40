"""The interview sheet builder in Chromium: from the question bank to a printed panel
copy and candidate copy, kept in the browser and shared by link."""
import io
import re

import pytest
from pypdf import PdfReader

from conftest import ROOT, assert_accessible
from macros.handbook import load_handbook

pytestmark = pytest.mark.browser

SHEET = "recruit/interview-sheet/"
# Long and short questions, scenarios among them, in an order unlike the bank's.
CHOSEN = ["maria-and-her-bills", "dependability", "working-in-the-setting", "defining-the-peer-role",
          "supporting-someone-resigned", "people-found-not-criminally-responsible",
          "using-lived-experience", "peer-approach-in-practice"]
DETAILS = {"role": "Peer support worker", "organisation": "Riverside Community Mental Health",
           "date": "2026-12-03", "panel": "Ana Ruiz, Ben Okafor", "candidate": "Casey Moore"}


@pytest.fixture(scope="module")
def questions():
    return {q["id"]: q for q in load_handbook(ROOT / "data", root=ROOT)["interview_questions"].items}


def flat(text):
    return re.sub(r"\s+", " ", text).strip()


def open_builder(page, site_url, suffix=""):
    page.goto(site_url + SHEET + suffix)
    page.locator(".hb-builder:not([hidden])").wait_for()


def build_sheet(page):
    for question in CHOSEN:
        page.locator(f"#hb-pick-{question}").check()
    for field, value in DETAILS.items():
        page.locator(f"#hb-sheet-{field}").fill(value)


def shown_questions(page):
    return page.eval_on_selector_all(".hb-sheet__question:not([hidden])", "els => els.map(e => e.dataset.question)")


def printed(page, copy):
    page.locator(f"#hb-copy-{copy}").check()
    page.wait_for_function("[...document.querySelectorAll('style[media=print]')]"
                           ".some(s => s.textContent.includes('Printed'))")
    return [flat(p.extract_text()) for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]


def test_panel_and_candidate_copies_print_the_chosen_questions_in_order(page, site_url, questions):
    open_builder(page, site_url)
    build_sheet(page)
    panel, candidate = printed(page, "panel"), printed(page, "candidate")
    for copy in (panel, candidate):
        text = " ".join(copy)
        positions = [text.find(flat(questions[q]["question"])[:60]) for q in CHOSEN]
        assert -1 not in positions and positions == sorted(positions), positions
        assert "Peer support worker" in text and "Casey Moore" in text and "3 December 2026" in text
    panel_text, candidate_text = " ".join(panel), " ".join(candidate)
    for guidance in ("Interview sheet: panel copy", "Never ask", "Rating scale", "Listen for",
                     "Warning signs", "Notes", "Ana Ruiz, Ben Okafor"):
        assert guidance in panel_text
        assert guidance not in candidate_text
    assert "Interview sheet: candidate copy" in candidate_text
    for question in CHOSEN:
        for point in questions[question]["listen_for"] + questions[question].get("warning_signs", []):
            assert flat(point)[:50] not in candidate_text


def test_each_question_stays_on_one_printed_page_with_its_notes_box(page, site_url, questions):
    open_builder(page, site_url)
    build_sheet(page)
    pages = printed(page, "panel")
    assert len(pages) > 3
    for question in CHOSEN:
        start = flat(questions[question]["question"])
        holding = [n for n, text in enumerate(pages) if start[:40] in text]
        assert len(holding) == 1, (question, holding)
        text = pages[holding[0]]
        after = text[text.index(start[:40]):]
        # The whole block, to its last guidance point and the notes label, is on that page.
        assert start[-30:] in after, question
        assert flat(questions[question]["listen_for"][-1])[-30:] in after, question
        assert "Notes" in after[after.index(flat(questions[question]["listen_for"][-1])[-30:]):]


def test_a_shared_link_opens_the_same_sheet_in_a_fresh_browser(page, browser, site_url):
    open_builder(page, site_url)
    build_sheet(page)
    page.locator(f'.hb-order li[data-question="{CHOSEN[2]}"] [data-move="up"]').click()
    order = shown_questions(page)
    assert order[1] == CHOSEN[2] and order[2] == CHOSEN[1]
    link = page.locator("#hb-share-link").input_value()
    assert "Casey" not in link
    fresh = browser.new_context()
    other = fresh.new_page()
    other.goto(link)
    other.locator(".hb-builder:not([hidden])").wait_for()
    assert shown_questions(other) == order
    for field in ("role", "organisation", "panel"):
        assert other.locator(f'.hb-sheet [data-show="{field}"]').inner_text() == DETAILS[field]
    assert other.locator('.hb-sheet [data-show="date"]').inner_text() == "3 December 2026"
    assert other.locator('.hb-sheet [data-show="candidate"]').inner_text() == ""
    # The link was applied and saved: a reload shows the same sheet, not the link again.
    assert "#" not in other.url
    other.reload()
    other.locator(".hb-builder:not([hidden])").wait_for()
    assert shown_questions(other) == order
    fresh.close()


def test_opening_a_link_keeps_the_previous_sheet_recoverable(page, site_url):
    open_builder(page, site_url)
    page.locator("#hb-pick-dependability").check()
    page.goto("about:blank")  # so that opening the link loads the page, not just its #
    page.goto(site_url + SHEET + "#questions=rising-stress,no-such-question&role=Coach")
    page.locator(".hb-builder:not([hidden])").wait_for()
    assert shown_questions(page) == ["rising-stress"]
    assert "1 question(s) in the link are not in this edition" in page.locator(".hb-toolbar__message").inner_text()
    page.get_by_role("button", name="Bring back my previous sheet").click()
    assert shown_questions(page) == ["dependability"]


def test_the_sheet_is_kept_after_reload(page, site_url):
    open_builder(page, site_url)
    build_sheet(page)
    page.reload()
    page.locator(".hb-builder:not([hidden])").wait_for()
    assert shown_questions(page) == CHOSEN
    assert page.locator("#hb-sheet-candidate").input_value() == "Casey Moore"


def visible_bank(page):
    return set(page.eval_on_selector_all(".hb-bank__entry:not([hidden])", "els => els.map(e => e.dataset.question)"))


def test_filters_narrow_the_bank_by_group_value_competency_and_setting(page, site_url, questions):
    open_builder(page, site_url)
    page.select_option("#hb-filter-group", "who-sample-questions")
    assert visible_bank(page) == {q for q, item in questions.items() if item["group"] == "who-sample-questions"}
    page.select_option("#hb-filter-group", "")
    page.select_option("#hb-filter-value", "hope")
    assert visible_bank(page) == {q for q, item in questions.items()
                                  if "hope" in item.get("probes", {}).get("values", [])}
    page.select_option("#hb-filter-value", "")
    page.select_option("#hb-filter-competency", "provider-change-agent")
    assert visible_bank(page) == {q for q, item in questions.items()
                                  if "provider-change-agent" in item.get("probes", {}).get("competencies", [])}
    page.select_option("#hb-filter-competency", "")
    page.select_option("#hb-filter-setting", "forensic")
    forensic = visible_bank(page)
    assert "people-found-not-criminally-responsible" in forensic
    assert "helping-to-de-escalate" not in forensic  # suits wards and crisis services only
    assert forensic == {q for q, item in questions.items() if "forensic" in item.get("settings", ["forensic"])}
    assert page.locator(".hb-bank__count").inner_text() == f"Showing {len(forensic)} of {len(questions)} questions."


def test_the_builder_works_from_the_keyboard(page, site_url):
    open_builder(page, site_url)
    page.locator("#hb-pick-dependability").focus()
    page.keyboard.press("Space")
    page.locator("#hb-pick-rising-stress").focus()
    page.keyboard.press("Space")
    assert shown_questions(page) == ["dependability", "rising-stress"]
    move = page.locator('.hb-order li[data-question="rising-stress"] [data-move="up"]')
    move.focus()
    page.keyboard.press("Enter")
    assert shown_questions(page) == ["rising-stress", "dependability"]
    # Focus follows the moved question, and the move is announced.
    assert page.evaluate("document.activeElement.closest('li').dataset.question") == "rising-stress"
    assert page.locator(".hb-order__status").inner_text() == "Moved to position 1 of 2."


def test_the_builder_page_stays_accessible_after_use(page, site_url):
    open_builder(page, site_url)
    build_sheet(page)
    page.locator("#hb-copy-candidate").check()
    assert_accessible(page)


def test_without_javascript_the_page_is_the_whole_bank_as_a_panel_copy(browser, site_url, questions):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + SHEET)
    assert not page.locator(".hb-builder").is_visible()
    assert page.locator(".hb-sheet__question").count() == len(questions)
    assert page.locator(".hb-sheet__question .hb-listen").first.is_visible()
    assert page.get_by_text("Without JavaScript this page shows every question").is_visible()
    context.close()
