"""The interactive tools in a real Chromium: answers kept in the browser, moved between
computers as files, and never lost to a bad file or a new edition."""
import json

import pytest

from conftest import EDITION, assert_accessible, reach_activity

pytestmark = pytest.mark.browser

CHECKLIST = "onboard/onboarding-checklist/"
QUIZ = "prepare/timeline/"


def status(page):
    return page.locator(".hb-toolbar__status").first.inner_text()


def open_checklist(page, site_url):
    page.goto(site_url + CHECKLIST)
    page.locator(".hb-toolbar").first.wait_for()
    return page.locator(".hb-check__input")


def saved(page):
    return page.evaluate("JSON.stringify(Object.entries(localStorage).sort())")


def test_ticks_and_notes_survive_reload_and_leaving_the_page(page, site_url):
    boxes = open_checklist(page, site_url)
    total = boxes.count()
    assert status(page) == f"0 of {total} done"
    boxes.nth(0).check()
    boxes.nth(3).check()
    page.locator(".hb-check__note-toggle").nth(0).click()
    page.get_by_label("Your note").first.fill("Ask the team leader")
    assert status(page) == f"2 of {total} done"

    page.reload()
    page.locator(".hb-toolbar").first.wait_for()
    assert boxes.nth(0).is_checked() and boxes.nth(3).is_checked() and not boxes.nth(1).is_checked()
    assert page.get_by_label("Your note").first.input_value() == "Ask the team leader"
    assert status(page) == f"2 of {total} done"

    # To another page and back by the navigation, each page loaded whole.
    page.locator("nav.md-nav--primary a[href$='orientation/']").first.click()
    page.wait_for_url("**/onboard/orientation/")
    page.locator("nav.md-nav--primary a[href$='onboarding-checklist/']").first.click()
    page.wait_for_url("**/" + CHECKLIST)
    page.locator(".hb-toolbar").first.wait_for()
    assert boxes.nth(0).is_checked() and boxes.nth(3).is_checked()
    assert status(page) == f"2 of {total} done"

    # Close the tab and come back in a new one: the answers are still there.
    context = page.context
    page.close()
    again = context.new_page()
    again.goto(site_url + CHECKLIST)
    again.locator(".hb-toolbar").first.wait_for()
    assert again.locator(".hb-check__input").nth(0).is_checked()
    assert status(again) == f"2 of {total} done"


def test_export_clear_and_import_restore_the_answers(page, site_url, tmp_path):
    boxes = open_checklist(page, site_url)
    boxes.nth(1).check()
    boxes.nth(2).check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export for importing later (JSON)").click()
    exported = tmp_path / download.value.suggested_filename
    assert download.value.suggested_filename == "checklist-onboarding-answers.json"
    assert page.locator(".hb-toolbar__message").inner_text().startswith(
        "Saved checklist-onboarding-answers.json to your downloads folder.")
    download.value.save_as(exported)
    record = json.loads(exported.read_text())
    assert record["tool"] == "checklist:onboarding" and len(record["answers"]) == 2

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear answers").click()
    assert not boxes.nth(1).is_checked()
    assert status(page).startswith("0 of")

    page.locator(".hb-toolbar input[type=file]").set_input_files(str(exported))
    page.get_by_text("Answers imported.").wait_for()
    assert boxes.nth(1).is_checked() and boxes.nth(2).is_checked()
    assert status(page).startswith("2 of")


def test_clearing_asks_first(page, site_url):
    boxes = open_checklist(page, site_url)
    boxes.nth(0).check()
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Clear answers").click()
    assert boxes.nth(0).is_checked()


BAD_FILES = {
    "malformed": (b'{"format": "peer-roles-handbook/answers", "tool":', "could not be read"),
    "not-ours": (json.dumps({"name": "something else"}).encode(), "not an answers file"),
    "foreign": (json.dumps({"format": "peer-roles-handbook/answers", "tool": "quiz:readiness",
                            "answers": {}}).encode(), 'another tool ("quiz:readiness")'),
    "damaged": (json.dumps({"format": "peer-roles-handbook/answers", "tool": "checklist:onboarding",
                            "answers": {"onboard-orientation": {"checked": "yes"}}}).encode(),
                "is not true or false"),
    "oversized": (b" " * (300 * 1024) + b"{}", "too large"),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_import_is_refused_and_answers_are_kept(page, site_url, kind):
    content, reason = BAD_FILES[kind]
    boxes = open_checklist(page, site_url)
    boxes.nth(0).check()
    before = saved(page)
    page.locator(".hb-toolbar input[type=file]").set_input_files(
        files=[{"name": f"{kind}.json", "mimeType": "application/json", "buffer": content}])
    message = page.locator(".hb-toolbar__message[data-kind=error]")
    message.wait_for()
    assert reason in message.inner_text()
    assert "have not been changed" in message.inner_text()
    assert saved(page) == before
    assert boxes.nth(0).is_checked() and status(page).startswith("1 of")


def test_keys_are_namespaced_by_site_edition_and_tool(page, site_url):
    open_checklist(page, site_url).nth(0).check()
    keys = page.evaluate("Object.keys(localStorage)")
    assert f"/hb:{EDITION}:checklist:onboarding" in keys


def test_a_new_edition_keeps_answers_flags_changes_and_lists_removals_once(page, site_url):
    page.goto(site_url + CHECKLIST)
    # Started before the earlier edition's answers are planted (see the quiz's test below).
    page.locator(".hb-toolbar").first.wait_for()
    entries = page.locator("li.hb-check")
    first, second = entries.nth(0), entries.nth(1)
    ids = [first.get_attribute("data-item"), second.get_attribute("data-item")]
    old = {"format": "peer-roles-handbook/answers", "tool": "checklist:onboarding", "edition": "2025.1",
           "saved": "2025-06-01T00:00:00Z", "answers": {
               ids[0]: {"checked": True, "note": "", "hash": first.get_attribute("data-hash")},
               ids[1]: {"checked": True, "note": "kept", "hash": "an-old-text"},
               "onboard-retired": {"checked": True, "text": "Give the peer worker a pager"}}}
    page.evaluate("record => localStorage.setItem('/hb:2025.1:checklist:onboarding', JSON.stringify(record))", old)
    page.reload()
    page.locator(".hb-toolbar").first.wait_for()
    boxes = page.locator(".hb-check__input")
    assert boxes.nth(0).is_checked() and boxes.nth(1).is_checked()
    assert "hb-changed" not in first.get_attribute("class")
    assert "hb-changed" in second.get_attribute("class")
    assert "Give the peer worker a pager" in page.locator(".hb-toolbar__message").inner_text()
    # The earlier edition's answers are untouched; this edition now has its own copy.
    assert page.evaluate("localStorage.getItem('/hb:2025.1:checklist:onboarding')") is not None

    page.reload()
    page.locator(".hb-toolbar").first.wait_for()
    assert "pager" not in page.locator(".hb-toolbar__message").inner_text()
    assert "hb-changed" in second.get_attribute("class")
    # Reviewing the changed entry clears its flag.
    boxes.nth(1).uncheck()
    boxes.nth(1).check()
    page.reload()
    page.locator(".hb-toolbar").first.wait_for()
    assert "hb-changed" not in second.get_attribute("class")


def quiz_answer(page, trues, total):
    choices = page.locator(".hb-quiz__choice")
    for index in range(total):
        choices.nth(index).get_by_label("True" if index < trues else "False").check()


@pytest.mark.parametrize("trues", [0, 4, 5, 7, 8, 10])
def test_quiz_score_picks_the_right_band(page, site_url, handbook, trues):
    quiz = handbook["readiness_quiz"]
    band = next(b for b in quiz["bands"] if b["min_score"] <= trues <= b["max_score"])
    page.goto(site_url + QUIZ)
    page.locator(".hb-quiz__choice").first.wait_for()
    quiz_answer(page, trues, len(quiz.items))
    result = page.locator(".hb-quiz__result").inner_text()
    assert result.startswith(f"Your score: {trues} of {len(quiz.items)}")
    assert band["label"] in result
    assert page.locator("tr.hb-band--current").get_attribute("id") == band["id"]
    page.reload()
    page.locator(".hb-quiz__choice").first.wait_for()
    assert page.locator(".hb-quiz__result").inner_text() == result


def test_tools_work_from_the_keyboard(page, site_url):
    open_checklist(page, site_url)
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('hb-check__input')"):
            break
    page.keyboard.press("Space")
    assert page.locator(".hb-check__input").first.is_checked()
    page.goto(site_url + QUIZ)
    first = page.locator(".hb-quiz__choice").first.get_by_label("True")
    first.focus()
    page.keyboard.press("Space")
    assert first.is_checked()
    page.keyboard.press("ArrowRight")
    assert page.locator(".hb-quiz__choice").first.get_by_label("False").is_checked()


@pytest.mark.parametrize("path", [CHECKLIST, QUIZ, "prepare/readiness/"])
def test_tool_pages_stay_accessible_after_use(page, site_url, path):
    page.goto(site_url + path)
    page.locator(".hb-toolbar").first.wait_for()
    if page.locator(".hb-check__input").count():
        page.locator(".hb-check__input").first.check()
        page.locator(".hb-check__note-toggle").first.click()
    if page.locator(".hb-quiz__choice").count():
        quiz_answer(page, 6, 10)
    assert_accessible(page)


def test_without_javascript_the_checklist_is_a_readable_list(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + CHECKLIST)
    assert page.locator(".hb-toolbar").count() == 0
    assert page.locator("li.hb-check .hb-check__box").count() == page.locator("li.hb-check").count() > 5
    assert page.locator("li.hb-check").first.is_visible()
    context.close()


def test_printed_checklist_keeps_ticks_and_notes_but_not_buttons(page, site_url):
    boxes = open_checklist(page, site_url)
    boxes.nth(0).check()
    page.locator(".hb-check__note-toggle").first.click()
    page.get_by_label("Your note").first.fill("Printed note")
    page.emulate_media(media="print")
    assert not page.locator(".hb-toolbar__buttons").first.is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert boxes.nth(0).is_checked() and boxes.nth(0).is_visible()
    assert page.get_by_label("Your note").first.is_visible()


STAR = "prepare/role-star/"


def star_file(tmp_path, name, choices):
    record = {"format": "peer-roles-handbook/answers", "tool": "role-star", "edition": "2026.1",
              "saved": "2026-11-01T00:00:00Z", "answers": {k: {"choice": v, "note": ""} for k, v in choices.items()}}
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(record))
    return str(path)


def test_role_star_draws_choices_with_a_text_alternative(page, site_url, handbook):
    components = handbook["role_star"].items
    page.goto(site_url + STAR)
    page.locator(".hb-star svg").wait_for()
    first, second = components[0], components[1]
    page.get_by_role("group", name=f"Your choice for {first['name']}").get_by_label("Core role component").check()
    page.get_by_role("group", name=f"Your choice for {second['name']}").get_by_label("Not part of the role").check()
    assert page.locator(".hb-star__arm--core").count() == 1
    assert page.locator(".hb-star__arm--not-part-of-role").count() == 1
    summary = page.locator(".hb-star__summary").inner_text()
    assert f"Core role component: {first['number']}. {first['name']}" in summary
    assert page.locator(".hb-star svg").get_attribute("role") == "img"
    page.reload()
    page.locator(".hb-star svg").wait_for()
    assert page.locator(".hb-star__arm").count() == 2
    assert page.locator(".hb-toolbar__status").inner_text() == f"2 of {len(components)} components chosen"


def test_role_star_group_counts_from_three_stars(page, site_url, handbook, tmp_path):
    a, b, c = (item["id"] for item in handbook["role_star"].items[:3])
    files = [
        star_file(tmp_path, "one", {a: "core", b: "core", c: "desirable"}),
        star_file(tmp_path, "two", {a: "core", b: "not-part-of-role", c: "desirable"}),
        star_file(tmp_path, "three", {a: "core", b: "desirable", c: "not-part-of-role"}),
    ]
    page.goto(site_url + STAR)
    page.locator("summary", has_text="compare several stars").click()
    page.locator("#hb-star-files").set_input_files(files)
    rows = page.locator(".hb-star-counts tbody tr")
    rows.first.wait_for()
    cells = lambda i: [cell.strip() for cell in rows.nth(i).inner_text().split("\t")][1:]  # noqa: E731
    assert cells(0) == ["3", "0", "0", ""]                           # everyone: core
    assert cells(1) == ["1", "1", "1", "Group disagrees: discuss"]   # core and not part
    assert cells(2) == ["0", "2", "1", ""]                           # two of three agree


def test_role_star_group_view_refuses_a_foreign_file(page, site_url, tmp_path):
    foreign = tmp_path / "quiz.json"
    foreign.write_text(json.dumps({"format": "peer-roles-handbook/answers", "tool": "quiz:readiness", "answers": {}}))
    page.goto(site_url + STAR)
    page.locator("summary", has_text="compare several stars").click()
    page.locator("#hb-star-files").set_input_files([str(foreign)])
    message = page.locator(".hb-star-group").locator("xpath=..").locator(".hb-facilitator__message")
    message.wait_for()
    assert "quiz.json" in message.inner_text() and "another tool" in message.inner_text()


def test_role_clarity_answers_are_saved_and_compared(page, site_url, handbook):
    activity = handbook["role_clarity"].items[0]
    page.goto(site_url + "supervise/role-clarity/")
    page.locator(".hb-toolbar").wait_for()  # the exercise has started
    section = reach_activity(page.locator(f"section#{activity['id']}"))
    reference = section.locator("dl.hb-factors")
    assert not reference.is_visible()
    section.get_by_label("(a)", exact=False).first.select_option("Yes")
    section.get_by_label("(h)", exact=False).first.select_option("Maybe")
    section.get_by_role("button", name="Compare with the Centre's answers").click()
    assert reference.is_visible()
    assert activity["answers"]["a"] in reference.inner_text()
    page.reload()
    reach_activity(section)
    assert section.get_by_label("(a)", exact=False).first.input_value() == "Yes"
    assert page.locator(".hb-toolbar__status").inner_text().startswith("1 of ")


@pytest.mark.parametrize("path", [STAR, "supervise/role-clarity/", "sustain/role-inventory/"])
def test_more_tool_pages_stay_accessible_after_use(page, site_url, path):
    page.goto(site_url + path)
    page.locator(".hb-toolbar").first.wait_for()
    for radio in page.locator(".hb-star__choice input[value=core]").all()[:2]:
        radio.check()
    if path == "supervise/role-clarity/":
        reach_activity(page.locator("section.hb-clarity[data-item]").first).locator(".hb-clarity__compare").click()
    if page.locator(".hb-facilitator summary").count():
        page.locator(".hb-facilitator summary").first.click()
    assert_accessible(page)


def test_every_tool_carries_answers_into_a_new_edition(page, site_url):
    page.goto(site_url + QUIZ)
    # Started before the earlier edition's answers are planted: a quiz starting after
    # would carry them over at once, and the reload would have nothing left to carry.
    page.locator(".hb-toolbar").first.wait_for()
    statements = page.locator("ol.hb-quiz > li")
    first, second = statements.nth(0), statements.nth(1)
    old = {"format": "peer-roles-handbook/answers", "tool": "quiz:readiness", "edition": "2025.1",
           "saved": "2025-06-01T00:00:00Z", "answers": {
               first.get_attribute("data-item"): {"value": True, "hash": first.get_attribute("data-hash")},
               second.get_attribute("data-item"): {"value": False, "hash": "an-old-text"},
               "retired-statement": {"value": True, "text": "You have a budget line for pagers"}}}
    page.evaluate("record => localStorage.setItem('/hb:2025.1:quiz:readiness', JSON.stringify(record))", old)
    page.reload()
    page.locator(".hb-quiz__choice").first.wait_for()
    assert page.locator(".hb-quiz__choice").nth(0).get_by_label("True").is_checked()
    assert page.locator(".hb-quiz__choice").nth(1).get_by_label("False").is_checked()
    assert "hb-changed" in second.get_attribute("class") and "hb-changed" not in (first.get_attribute("class") or "")
    assert "You have a budget line for pagers" in page.locator(".hb-toolbar__message").inner_text()
