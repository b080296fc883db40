"""The interview sheet builder in Chromium: from the question bank to a printed panel
copy and candidate copy, kept in the browser and shared by link."""
import io
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from pypdf import PdfReader

from conftest import ROOT, assert_accessible, wait_until_printable
from macros.handbook import load_handbook
from mkdocs.config import load_config

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
    wait_until_printable(page)
    return [flat(p.extract_text()) for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]


def question_pages(pages):
    """The printed pages up to the score summary, which repeats each question's opening."""
    close = next(n for n, text in enumerate(pages) if "Score summary" in text)
    return pages[:close] + [pages[close][:pages[close].index("Score summary")]]


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
    pages = question_pages(printed(page, "panel"))
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
    assert not page.get_by_text("No questions chosen yet").is_visible()
    context.close()


# Where the builder's groups and the sheet sit, and how long the page is.
LAYOUT = """() => [document.documentElement.scrollHeight, ...[...document.querySelectorAll(
  ".hb-builder fieldset, .hb-sheet, .hb-sheet__empty")].map(e => Math.round(e.getBoundingClientRect().top))]"""


@pytest.mark.parametrize("width", [390, 1280])
def test_before_its_script_starts_the_page_shows_the_builder_where_it_will_stay(page, site_url, width):
    # The first paint, on a slow phone, is the builder over an empty sheet: what the
    # script will show. Held back here, the script starts only once that is checked.
    page.set_viewport_size({"width": width, "height": 844})
    held = []
    page.route("**/assets/js/interview-sheet.js", lambda route: held.append(route))
    page.goto(site_url + SHEET)
    page.get_by_label("Role title").wait_for()
    assert page.get_by_text("No questions chosen yet").is_visible()
    assert page.locator(".hb-bank__count").inner_text() == "Showing {0} of {0} questions.".format(
        page.locator(".hb-bank__entry").count())
    assert not page.locator(".hb-sheet__question").first.is_visible()
    first_paint = page.evaluate(LAYOUT)
    # Nothing can be ticked or typed yet, so nothing done early is lost at the start.
    with pytest.raises(PlaywrightTimeoutError):
        page.locator("#hb-pick-dependability").check(timeout=1000)
    held[0].continue_()
    page.locator(".hb-builder:not([hidden])").wait_for()
    assert page.evaluate(LAYOUT) == first_paint
    page.locator("#hb-pick-dependability").check()
    assert shown_questions(page) == ["dependability"]
    assert not page.get_by_text("No questions chosen yet").is_visible()


def bank_shown_to_reader(page):
    """The bank entries a person can see: laid out on screen, not merely counted."""
    return {entry.get_attribute("data-question") for entry in page.locator(".hb-bank__entry").all()
            if entry.is_visible()}


def reported_count(page):
    shown, total = re.fullmatch(r"Showing (\d+) of (\d+) questions\.",
                                page.locator(".hb-bank__count").inner_text()).groups()
    return int(shown), int(total)


@pytest.mark.parametrize("select, value", [
    ("#hb-filter-group", "provider-setting-fit"), ("#hb-filter-value", "hope"),
    ("#hb-filter-topic", "wellbeing"), ("#hb-filter-setting", "forensic"),
])
def test_the_bank_shows_exactly_the_questions_the_count_reports(page, site_url, questions, select, value):
    open_builder(page, site_url)
    assert len(bank_shown_to_reader(page)) == len(questions)
    page.select_option(select, value)
    shown = bank_shown_to_reader(page)
    assert reported_count(page) == (len(shown), len(questions))
    assert 0 < len(shown) < len(questions)
    # Each entry left on screen has a box of its own on the page.
    for question in shown:
        box = page.locator(f'.hb-bank__entry[data-question="{question}"]').bounding_box()
        assert box and box["height"] > 0


def test_a_topic_filter_finds_the_questions_on_that_topic(page, site_url, questions):
    open_builder(page, site_url)
    page.select_option("#hb-filter-topic", "boundaries")
    boundaries = {q for q, item in questions.items() if "boundaries" in item["topics"]}
    assert "maria-and-her-bills" in boundaries and "dependability" not in boundaries
    assert bank_shown_to_reader(page) == boundaries
    # Topics combine with the other filters.
    page.select_option("#hb-filter-group", "provider-lived-experience")
    assert bank_shown_to_reader(page) == {q for q in boundaries if questions[q]["group"] == "provider-lived-experience"}


def test_every_question_has_topics_shown_on_the_question_bank(page, site_url, questions):
    page.goto(site_url + "recruit/interviewing/")
    topics = {t["id"]: t["title"] for t in load_handbook(ROOT / "data", root=ROOT)["interview_questions"].data["topics"]}
    for question in ("maria-and-her-bills", "rising-stress"):
        shown = page.locator(f"#{question} .hb-related", has_text="Topics:").inner_text()
        assert shown == "Topics: " + ", ".join(topics[t] for t in questions[question]["topics"])


def test_the_bank_scrolls_with_the_page_not_in_a_box_of_its_own(page, site_url):
    open_builder(page, site_url)
    boxed = page.eval_on_selector_all(
        ".hb-bank, .hb-bank *",
        "els => els.filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowY)"
        " || getComputedStyle(e).maxHeight !== 'none').map(e => e.className)")
    assert boxed == []
    last = page.locator(".hb-bank__entry").last
    last.scroll_into_view_if_needed()
    assert last.is_visible() and page.evaluate("window.scrollY") > 0


def test_the_printed_panel_copy_holds_only_the_questions_chosen_from_a_filtered_bank(page, site_url, questions):
    open_builder(page, site_url)
    page.select_option("#hb-filter-topic", "wellbeing")
    chosen = sorted(bank_shown_to_reader(page))[:3]
    for question in chosen:
        page.locator(f"#hb-pick-{question}").check()
    text = " ".join(printed(page, "panel"))
    for question, item in questions.items():
        start = flat(item["question"])[:45]
        assert (start in text) == (question in chosen), question


def test_the_panel_copy_ends_with_scores_a_recommendation_and_signatures(page, site_url, questions):
    open_builder(page, site_url)
    build_sheet(page)
    pages = printed(page, "panel")
    text = " ".join(pages)
    close = text[text.index("Score summary"):]
    last_question = text.rindex(flat(questions[CHOSEN[-1]]["listen_for"][-1])[-30:])
    assert text.index("Score summary") > last_question
    # A row per chosen question, in the sheet's order, then the total.
    rows = [close.find(flat(questions[q]["question"])[:40]) for q in CHOSEN]
    assert -1 not in rows and rows == sorted(rows), rows
    assert "Total" in close[rows[-1]:]
    for words in ("Recommendation", "Appoint", "Do not appoint", "Discuss further", "Reasons",
                  "Panel signatures", "Panel member Signature Date"):
        assert words in close, words
    # A signature line for each panel member, named.
    signatures = close[close.index("Panel signatures"):]
    assert signatures.index("Ana Ruiz") < signatures.index("Ben Okafor")
    assert "Panel signatures" in pages[-1]
    assert "no further guidance" not in text


# Eight short questions: before questions were packed they took 5 A4 pages (7 for CHOSEN).
SHORT = ["dependability", "rising-stress", "preferred-work-structure", "history-of-peer-work",
         "community-resources", "peer-organisations", "what-inspired-you", "similar-experience-before"]


def test_short_questions_are_packed_together_on_the_panel_copy(page, site_url, questions):
    open_builder(page, site_url)
    for question in SHORT:
        page.locator(f"#hb-pick-{question}").check()
    pages = printed(page, "panel")
    assert len(pages) <= 4, len(pages)
    # Each page from the second on holds several questions, none of them split.
    assert all(sum(flat(questions[q]["question"])[:40] in text for q in SHORT) >= 2 for text in pages[1:3])
    for question in SHORT:
        assert sum(flat(questions[question]["question"])[:40] in text for text in question_pages(pages)) == 1


def test_the_candidate_copy_prints_without_the_handbooks_name_or_address(page, site_url):
    site_name = load_config(str(ROOT / "mkdocs.yml"))["site_name"]
    open_builder(page, site_url)
    build_sheet(page)
    assert page.locator("#hb-sheet-plain").is_checked()
    text = " ".join(printed(page, "candidate"))
    assert "Interview sheet: candidate copy" in text and "Casey Moore" in text
    for stamp in ("http", site_name, "Edition", "Sources"):
        assert stamp not in text, stamp
    # Unticked, the candidate copy carries the handbook's usual stamps.
    page.locator("#hb-sheet-plain").uncheck()
    stamped = " ".join(flat(p.extract_text()) for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    assert site_name in stamped and "Edition" in stamped and "http" in stamped
    # The panel copy keeps them, whatever the box says.
    page.locator("#hb-sheet-plain").check()
    assert "Edition" in " ".join(printed(page, "panel"))
