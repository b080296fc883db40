"""What a reader takes away from the tools: a spreadsheet they can open, a message that
says where it went, the file the import reads, printed answers in words, a saved status;
and the role star in view, readable without colour, while choosing on a phone."""
import csv
import io
import json
import re

import pytest
from pypdf import PdfReader

from conftest import assert_accessible, guarded_tab, reach_activity
from test_hostile_browser import BLOCKED

pytestmark = pytest.mark.browser

CHECKLIST = "onboard/onboarding-checklist/"
QUIZ = "prepare/timeline/"
STAR = "prepare/role-star/"
INVENTORY = "sustain/role-inventory/"
CLARITY = "supervise/role-clarity/"
SAVED_AT = re.compile(r"^Saved in this browser at \d\d:\d\d$")


def open_tool(page, site_url, path):
    page.goto(site_url + path)
    page.locator(".hb-toolbar").first.wait_for()


def choose_star(page, component, choice):
    page.get_by_role("group", name=f"Your choice for {component['name']}").get_by_label(choice).check()


def download(page, button, tmp_path):
    """Click an export button; return the saved file's name and path."""
    with page.expect_download() as info:
        page.get_by_role("button", name=button).first.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return info.value.suggested_filename, path


def export_csv(page, tmp_path):
    """The spreadsheet a reader saves, read as Excel would (UTF-8 with its byte order
    mark), and the message the page shows about it."""
    name, path = download(page, "Save as a spreadsheet (CSV)", tmp_path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    message = page.locator(".hb-toolbar .hb-toolbar__message").first.inner_text()
    return name, rows, message


def test_checklist_csv_lists_each_entry_done_or_not_with_notes(page, site_url, tmp_path):
    open_tool(page, site_url, CHECKLIST)
    boxes = page.locator(".hb-check__input")
    boxes.nth(0).check()
    boxes.nth(2).check()
    page.locator(".hb-check__note-toggle").nth(0).click()
    page.get_by_label("Your note").first.fill("=Ask the team leader, first week")
    entries = [text.strip() for text in page.locator("label.hb-check__text").all_text_contents()]

    name, rows, message = export_csv(page, tmp_path)
    assert name == "checklist-onboarding-answers.csv"
    assert message == "Saved checklist-onboarding-answers.csv to your downloads folder."
    assert rows[0] == ["Item", "Checklist entry", "Done?", "Notes"]
    assert rows[1] == ["1", entries[0], "Done", "'=Ask the team leader, first week"]  # not run as a formula
    assert rows[2] == ["2", entries[1], "Not done", ""]
    assert rows[3][2] == "Done"
    assert len(rows) == 1 + len(entries)


def test_quiz_csv_gives_each_answer_in_words_and_the_score(page, site_url, handbook, tmp_path):
    statements = [item["statement"] for item in handbook["readiness_quiz"].items]
    open_tool(page, site_url, QUIZ)
    page.locator(".hb-quiz__choice").nth(0).get_by_label("True").check()
    page.locator(".hb-quiz__choice").nth(1).get_by_label("False").check()

    name, rows, message = export_csv(page, tmp_path)
    assert message == f"Saved {name} to your downloads folder." and name == "readiness-quiz-answers.csv"
    assert rows[0] == ["Statement", "Text", "Your answer"]
    assert rows[1] == ["1", statements[0], "True"]
    assert rows[2] == ["2", statements[1], "False"]
    assert rows[3] == ["3", statements[2], "Not answered"]
    assert rows[-1][1] == page.locator(".hb-quiz__result").inner_text()
    assert rows[-1][1].startswith("Your score:")


def test_role_star_csv_names_each_choice_and_note(page, site_url, handbook, tmp_path):
    components = handbook["role_star"].items
    open_tool(page, site_url, STAR)
    choose_star(page, components[0], "Core role component")
    choose_star(page, components[1], "Not part of the role")
    page.locator(f"#hb-star-note-{components[0]['id']}").fill("Discuss at the team meeting")

    name, rows, message = export_csv(page, tmp_path)
    assert message == "Saved role-star-answers.csv to your downloads folder."
    assert rows[0] == ["Component", "Name", "Your choice", "Notes"]
    assert rows[1] == [components[0]["number"], components[0]["name"], "Core role component", "Discuss at the team meeting"]
    assert rows[2] == [components[1]["number"], components[1]["name"], "Not part of the role", ""]
    assert rows[3] == [components[2]["number"], components[2]["name"], "Not chosen yet", ""]
    assert len(rows) == 1 + len(components)


def test_role_inventory_csv_gives_ratings_in_words(page, site_url, handbook, tmp_path):
    scale = {point["value"]: point["label"] for point in handbook["role_inventory"]["importance_scale"] if "value" in point}
    open_tool(page, site_url, INVENTORY)
    page.get_by_label("Your stakeholder group").fill("Team or line manager")
    page.get_by_label("Your rating for item 2.1").select_option("3")

    name, rows, message = export_csv(page, tmp_path)
    assert message == "Saved role-inventory-answers.csv to your downloads folder."
    assert rows[0] == ["Item", "Statement", "Your rating", "Version", "Stakeholder group"]
    rated = [row for row in rows if row[0] == "2.1"]
    assert len(rated) == 1 and rated[0][2] == f"3 {scale[3]}"
    assert rated[0][3:] == ["development", "Team or line manager"]
    statement = page.locator("tr[data-item]", has=page.get_by_label("Your rating for item 2.1")).locator("td").first.inner_text()
    assert rated[0][1] == statement
    assert {row[2] for row in rows[1:] if row[0] != "2.1"} == {"Not answered"}


def test_role_inventory_facilitator_csv_says_where_it_went(page, site_url, tmp_path):
    open_tool(page, site_url, INVENTORY)
    page.get_by_label("Your rating for item 2.1").select_option("3")
    name, path = download(page, "Download your answers as CSV", tmp_path)
    assert name == "role-inventory-development.csv"
    assert "2.1" in path.read_text()
    assert page.locator(".hb-inventory-form .hb-toolbar__message").inner_text() == "Saved role-inventory-development.csv to your downloads folder."


def test_role_clarity_csv_gives_each_factor_answer(page, site_url, handbook, tmp_path):
    collection = handbook["role_clarity"]
    activity = collection.items[0]
    questions = {factor["letter"]: factor["question"] for factor in collection["factors"]}
    open_tool(page, site_url, CLARITY)
    section = reach_activity(page.locator(f"section#{activity['id']}"))
    section.get_by_label("(a)", exact=False).first.select_option("Yes")
    section.get_by_label("(h)", exact=False).first.select_option("Maybe")

    name, rows, message = export_csv(page, tmp_path)
    assert message == "Saved role-clarity-answers.csv to your downloads folder."
    assert rows[0] == ["Activity", "Factor", "Question", "Your answer"]
    title = f"{activity['number']}. {activity['activity']}"
    mine = {row[1]: row for row in rows if row[0] == title}
    assert mine["a"] == [title, "a", questions["a"], "Yes"]
    assert mine["h"][3] == "Maybe" and mine["b"][3] == "Not answered"
    assert len(rows) == 1 + len(collection.items) * len(questions)


def answer_checklist(page):
    page.locator(".hb-check__input").nth(1).check()


def answer_quiz(page):
    page.locator(".hb-quiz__choice").nth(0).get_by_label("True").check()


def answer_star(page):
    page.locator(".hb-star__choice").nth(0).locator("input[value=desirable]").check()


def answer_inventory(page):
    page.get_by_label("Your rating for item 2.1").select_option("2")


def answer_clarity(page):
    reach_activity(page.locator("section.hb-clarity[data-item]").first).locator("select").first.select_option("No")


TOOLS = [(CHECKLIST, answer_checklist, "checklist-onboarding-answers.json"),
         (QUIZ, answer_quiz, "readiness-quiz-answers.json"),
         (STAR, answer_star, "role-star-answers.json"),
         (INVENTORY, answer_inventory, "role-inventory-answers.json"),
         (CLARITY, answer_clarity, "role-clarity-answers.json")]


@pytest.mark.parametrize("path, answer, filename", TOOLS, ids=lambda v: v if isinstance(v, str) else "")
def test_export_for_importing_later_says_where_and_round_trips(page, site_url, tmp_path, path, answer, filename):
    open_tool(page, site_url, path)
    saved = page.locator(".hb-toolbar__saved").first
    assert not saved.is_visible()
    answer(page)
    assert SAVED_AT.match(saved.inner_text()) and saved.is_visible()
    answered = page.locator(".hb-toolbar__status").first.inner_text()

    name, exported = download(page, "Export for importing later (JSON)", tmp_path)
    assert name == filename
    assert page.locator(".hb-toolbar .hb-toolbar__message").first.inner_text().startswith(f"Saved {filename} to your downloads folder.")
    assert json.loads(exported.read_text())["answers"]

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear answers").first.click()
    assert page.locator(".hb-toolbar__status").first.inner_text() != answered
    page.locator(".hb-toolbar input[type=file]").first.set_input_files(str(exported))
    page.get_by_text("Answers imported.").wait_for()
    assert page.locator(".hb-toolbar__status").first.inner_text() == answered
    page.reload()
    page.locator(".hb-toolbar").first.wait_for()
    assert page.locator(".hb-toolbar__status").first.inner_text() == answered


@pytest.mark.parametrize("path, answer", [(CHECKLIST, answer_checklist), (STAR, answer_star)])
def test_saved_status_gives_way_to_the_warning_when_storage_is_blocked(browser, site_url, tmp_path, path, answer):
    with guarded_tab(browser, site_url) as page:
        page.context.add_init_script(BLOCKED)
        open_tool(page, site_url, path)
        answer(page)
        toolbar = page.locator(".hb-toolbar").first
        assert not toolbar.locator(".hb-toolbar__saved").is_visible()
        assert "Saved in this browser" not in toolbar.inner_text()
        warning = toolbar.locator(".hb-storage-warning")
        assert warning.is_visible() and "cannot be saved in this browser" in warning.inner_text()
        # The spreadsheet still holds this visit's answers.
        _, rows, message = export_csv(page, tmp_path)
        assert message.startswith("Saved ")
        assert any(row[2] in {"Done", "Desirable role component"} for row in rows[1:])


def printed_text(page):
    page.emulate_media(media="print")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    return re.sub(r"\s+", " ", text)


def test_printed_role_star_gives_each_choice_in_words(page, site_url, handbook):
    components = handbook["role_star"].items
    open_tool(page, site_url, STAR)
    choose_star(page, components[0], "Core role component")
    choose_star(page, components[1], "Desirable role component")
    page.locator(f"#hb-star-note-{components[0]['id']}").fill("Agreed by the whole team")
    assert page.get_by_role("button", name="Print my answers").is_visible()
    text = printed_text(page)
    assert text.count("Your choice: Core role component") == 1
    assert text.count("Your choice: Desirable role component") == 1
    assert text.count("Your choice: Not chosen yet") == len(components) - 2
    assert "Agreed by the whole team" in text
    assert "Print my answers" not in text


def test_printed_quiz_and_role_clarity_give_answers_in_words(page, site_url, handbook):
    open_tool(page, site_url, QUIZ)
    page.locator(".hb-quiz__choice").nth(0).get_by_label("True").check()
    page.locator(".hb-quiz__choice").nth(1).get_by_label("False").check()
    text = printed_text(page)
    assert text.count("Your answer: True") == 1 and text.count("Your answer: False") == 1
    assert "Your score:" in text

    page.emulate_media(media="screen")
    activity = handbook["role_clarity"].items[0]
    open_tool(page, site_url, CLARITY)
    reach_activity(page.locator(f"section#{activity['id']}")).get_by_label("(a)", exact=False).first.select_option("Maybe")
    text = printed_text(page)
    assert text.count("Your answer: Maybe") == 1


def test_print_button_opens_the_print_dialog(page, site_url):
    open_tool(page, site_url, QUIZ)
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    page.get_by_role("button", name="Print my answers").click()
    assert page.evaluate("window.printed") == 1


def test_on_a_phone_the_star_stays_in_view_while_choosing(browser, site_url, handbook):
    components = handbook["role_star"].items
    with guarded_tab(browser, site_url) as page:
        page.set_viewport_size({"width": 390, "height": 844})
        open_tool(page, site_url, STAR)
        last = page.get_by_role("group", name=f"Your choice for {components[-1]['name']}").get_by_label("Desirable role component")
        last.focus()
        page.keyboard.press("Space")
        assert last.is_checked() and last.evaluate("el => el === document.activeElement")
        star = page.locator(".hb-star > svg").bounding_box()
        choice = last.bounding_box()
        assert star["y"] >= 0 and star["y"] + star["height"] <= 844 and star["width"] >= 120
        # The focused choice is on screen and below the star, not covered by it.
        assert star["y"] + star["height"] <= choice["y"] and choice["y"] + choice["height"] <= 844
        assert page.locator(".hb-star__arm--desirable").count() == 1


def test_star_choices_differ_in_line_and_shape_not_only_colour(page, site_url, handbook):
    components = handbook["role_star"].items
    open_tool(page, site_url, STAR)
    labels = ["Core role component", "Desirable role component", "Not part of the role"]
    for component, label in zip(components, labels):
        choose_star(page, component, label)
    arms = page.locator(".hb-star > svg .hb-star__arm")
    drawn = arms.evaluate_all("""arms => arms.map((arm) => ({
        choice: arm.dataset.choice, shape: arm.lastElementChild.tagName,
        dashes: getComputedStyle(arm.querySelector('line')).strokeDasharray }))""")
    assert [arm["choice"] for arm in drawn] == ["core", "desirable", "not-part-of-role"]
    assert len({arm["shape"] for arm in drawn}) == 3
    assert len({arm["dashes"] for arm in drawn}) == 3
    # The key beside the star names each choice next to its line and shape.
    key = page.locator(".hb-star__legend li")
    assert key.all_inner_texts() == labels
    assert len({item.evaluate("el => getComputedStyle(el.querySelector('.hb-star__key'), '::before').borderTopStyle")
                for item in key.all()}) == 3
    assert_accessible(page)
