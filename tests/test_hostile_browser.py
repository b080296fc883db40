"""Hostile input in a real Chromium: text from the pages' data, answers files, role
inventory CSVs, share links and builder fields never runs as script or becomes
elements; a refused file names what was wrong and leaves saved answers byte for byte
as they were; and with storage full or blocked every tool still works for the visit,
says so, and overwrites nothing."""
import csv
import io
import json

import pytest
from bs4 import BeautifulSoup

from conftest import EDITION, FIXTURES, guarded_tab, reach_activity

pytestmark = pytest.mark.browser

FORMAT = "peer-roles-handbook/answers"

# Each would set window.__pwned if it ever became markup.
IMG = '<img src=x onerror="window.__pwned=1">'
SVG = '<svg onload="window.__pwned=1"></svg>'
ENCODED = "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;"
LINK = '<a href="javascript:window.__pwned=1">open</a>'
PAYLOADS = [IMG, SVG, ENCODED, LINK]
PAYLOAD_ELEMENTS = "img[src=x], svg[onload], [onerror], [onload], a[href^='javascript:']"

CHECKLIST = "onboard/onboarding-checklist/"
QUIZ = "prepare/timeline/"
STAR = "prepare/role-star/"
INVENTORY = "sustain/role-inventory/"
CLARITY = "supervise/role-clarity/"
SHEET = "recruit/interview-sheet/"
BUILDER = "recruit/job-description-builder/"


def assert_inert(page):
    """No payload ran and none became an element."""
    page.wait_for_timeout(150)  # time for an <img onerror> to fire, had one been made
    assert page.evaluate("window.__pwned") is None
    assert page.locator(PAYLOAD_ELEMENTS).count() == 0


def saved(page):
    return page.evaluate("JSON.stringify(Object.entries(localStorage).sort())")


def answers_file(tool, answers, **fields):
    record = {"format": FORMAT, "tool": tool, "edition": EDITION, "saved": "2026-11-01T00:00:00Z",
              "answers": answers, **fields}
    return json.dumps(record).encode()


def nested(depth):
    return json.loads("[" * depth + "]" * depth)


# Stands for a list nested 5,000 deep, deeper than Python's json can write.
DEEP = "__deeply_nested__"


# --- Text the pages' data puts on the page (rendered by the templates, escaped) ---

# (page, CSS selector, attribute or None for the element's text, where it shows afterwards)
PAGE_TEXT = [
    (CLARITY, ".hb-factors-legend dd", None, ".hb-clarity__mine label"),
    (CLARITY, "section.hb-clarity[data-item] h4", None, "#hb-rc-pick option"),
    (INVENTORY, "tr[data-item] td", None, "tr[data-item] td"),
    (INVENTORY, "tr[data-item] th", None, "tr[data-item] th"),
    (STAR, ".hb-star-component[data-item]", "data-name", ".hb-star__choice legend"),
    (STAR, ".hb-star-component[data-item]", "data-number", ".hb-star__summary"),
    (CHECKLIST, "li.hb-check .hb-check__text", None, "label.hb-check__text"),
    (QUIZ, ".hb-quiz__statement", None, ".hb-quiz__statement"),
    (SHEET, ".hb-bank__entry label", None, ".hb-bank__entry label"),
]


def serve_with_text(page, site_url, path, selector, attribute, text):
    """Serve `path` with `text` at the start of the first matching element's text (or
    as its attribute), escaped as the templates escape data."""
    def handle(route):
        response = route.fetch()
        soup = BeautifulSoup(response.text(), "html.parser")
        target = soup.select_one(selector)
        if attribute:
            target[attribute] = text
        else:
            target.insert(0, text)
        route.fulfill(response=response, body=str(soup))
    page.route(site_url + path, handle)


@pytest.mark.parametrize("payload", [IMG, ENCODED, SVG])
@pytest.mark.parametrize("path, selector, attribute, shown", PAGE_TEXT)
def test_text_from_the_pages_data_stays_text(page, site_url, path, selector, attribute, shown, payload):
    serve_with_text(page, site_url, path, selector, attribute, payload)
    page.goto(site_url + path)
    page.locator(".hb-toolbar, .hb-builder:not([hidden])").first.wait_for()
    # The tools act on it: choose something, open the views that repeat item text.
    if path == STAR:
        page.locator(".hb-star__choice input[value=core]").first.check()
    if path == CLARITY:
        reach_activity(page.locator("section.hb-clarity[data-item]").first).locator("select").first.select_option("Yes")
    if path == SHEET:
        page.locator(".hb-bank__entry input").first.check()
    assert any(payload in text for text in page.locator(shown).all_text_contents())
    assert_inert(page)


def test_inventory_views_show_the_pages_statement_as_text(page, site_url):
    serve_with_text(page, site_url, INVENTORY, "tr[data-item] td", None, IMG)
    page.goto(site_url + INVENTORY)
    page.locator("summary", has_text="facilitators").click()
    page.locator("#hb-inv-combine").set_input_files([str(FIXTURES / "inventory/dev-co-worker.csv")])
    first = page.locator(".hb-summary tbody tr").first
    first.wait_for()
    assert first.locator("td").first.inner_text().startswith(IMG)
    assert_inert(page)


# --- Answers files ---

def seed_checklist(page):
    page.locator(".hb-check__input").first.check()


def seed_quiz(page):
    page.locator(".hb-quiz__choice").first.get_by_label("True").check()


def seed_star(page):
    page.locator(".hb-star__choice input[value=core]").first.check()


def seed_inventory(page):
    page.get_by_label("Your rating for item 1.1").select_option("2")


def seed_clarity(page):
    reach_activity(page.locator("section.hb-clarity[data-item]").first).locator("select").first.select_option("Yes")


TOOLS = {
    "checklist": (CHECKLIST, "checklist:onboarding", "li.hb-check", seed_checklist),
    "quiz": (QUIZ, "quiz:readiness", "ol.hb-quiz > li[data-item]", seed_quiz),
    "star": (STAR, "role-star", ".hb-star-component[data-item]", seed_star),
    "inventory": (INVENTORY, "inventory", "tr[data-item]", seed_inventory),
    "clarity": (CLARITY, "role-clarity", "section.hb-clarity[data-item]", seed_clarity),
}

FACTORS = "a, b, c, d, e, f, g, h"
RATINGS = "one of the ratings 4, 3, 2, 1, dont-know, not-relevant"


def inventory(ratings, version="development", group="Peer worker"):
    return {"version": version, "group": group, "ratings": ratings}


# (tool, name, answers (a function of the first item's id), or raw bytes, expected message)
IMPORTS = [
    ("checklist", "tick as text", lambda i: {i: {"checked": "yes"}}, f'item "{{i}}", checked: "yes" is not true or false'),
    ("checklist", "item not on the page", lambda i: {"not-an-item": {"checked": True}}, 'item "not-an-item" is not on this page'),
    ("checklist", "markup as an item id", lambda i: {IMG: {"checked": True}}, f"item {json.dumps(IMG)} is not on this page"),
    ("checklist", "deeply nested hash", lambda i: {i: {"checked": True, "hash": DEEP}}, f'item "{{i}}", hash: a list is not text'),
    ("checklist", "hash of nested groups", lambda i: {i: {"checked": True, "hash": {"a": {"b": {"c": {}}}}}}, f'item "{{i}}", hash: a group of values is not text'),
    ("checklist", "empty answers", lambda i: {}, "the file holds no answers"),
    ("checklist", "empty list of answers", lambda i: [], "the file holds no answers"),
    ("checklist", "answers as a list", lambda i: [{"checked": True}], "a list is not a group of answers by item"),
    ("checklist", "answers missing", lambda i: None, "null is not a group of answers by item"),
    ("checklist", "markup as a field", lambda i: {i: {"checked": True, SVG: 1}}, f'item "{{i}}": {json.dumps(SVG)} is not one of its fields (checked, note, hash, text)'),
    ("checklist", "note too long", lambda i: {i: {"checked": True, "note": "x" * 5001}}, "note: the text is longer than 5000 characters"),
    ("checklist", "__proto__ as an id", b'{"format": "peer-roles-handbook/answers", "tool": "checklist:onboarding", '
     b'"answers": {"__proto__": {"checked": true}}}', 'item "__proto__" is not on this page'),
    ("checklist", "markup as the tool", None, "another tool"),
    ("quiz", "answer as text", lambda i: {i: {"value": "true"}}, f'item "{{i}}", value: "true" is not true or false'),
    ("quiz", "answer missing", lambda i: {i: {"hash": "x"}}, f'item "{{i}}": value is missing'),
    ("quiz", "constructor as an id", lambda i: {"constructor": {"value": True}}, 'item "constructor" is not on this page'),
    ("star", "choice constructor", lambda i: {i: {"choice": "constructor"}}, f'item "{{i}}", choice: "constructor" is not one of the choices core, desirable, not-part-of-role'),
    ("star", "choice toString", lambda i: {i: {"choice": "toString"}}, '"toString" is not one of the choices'),
    ("star", "markup as a choice", lambda i: {i: {"choice": IMG}}, "is not one of the choices"),
    ("star", "note as a number", lambda i: {i: {"choice": "core", "note": 5}}, f'item "{{i}}", note: 5 is not text'),
    ("inventory", "rating 9", lambda i: inventory({i: {"value": "9"}}), f'ratings, item "{{i}}", value: "9" is not {RATINGS}'),
    ("inventory", "rating as a number", lambda i: inventory({i: {"value": 4}}), f"value: 4 is not {RATINGS}"),
    ("inventory", "unknown version", lambda i: inventory({i: {"value": "2"}}, version="both"), 'version: "both" is not development or audit'),
    ("inventory", "no ratings", lambda i: inventory([]), "ratings holds no answers"),
    ("inventory", "group as a group", lambda i: inventory({i: {"value": "2"}}, group={"a": 1}), "group: a group of values is not text"),
    ("inventory", "version missing", lambda i: {"group": "", "ratings": {i: {"value": "2"}}}, "version is missing"),
    ("inventory", "answers as a list", lambda i: [], "a list is not a group of answers"),
    ("inventory", "group too long", lambda i: inventory({i: {"value": "2"}}, group="x" * 201), "group: the text is longer than 200 characters"),
    ("clarity", "factors as a list", lambda i: {i: {"factors": ["Yes"]}}, f'item "{{i}}", factors: a list is not a group of answers by factor'),
    ("clarity", "unknown factor", lambda i: {i: {"factors": {"z": "Yes"}}}, f'"z" is not one of the factors {FACTORS}'),
    ("clarity", "unknown answer", lambda i: {i: {"factors": {"a": "Perhaps"}}}, 'factor a: "Perhaps" is not one of the answers Yes, No, Maybe, Not sure'),
    ("clarity", "markup as an answer", lambda i: {i: {"factors": {"a": ENCODED}}}, "is not one of the answers"),
]


@pytest.mark.parametrize("tool, name, answers, expected", IMPORTS, ids=[f"{t}: {n}" for t, n, _, _ in IMPORTS])
def test_hostile_answers_files_are_refused_and_change_nothing(page, site_url, tool, name, answers, expected):
    path, tool_id, item_selector, seed = TOOLS[tool]
    page.goto(site_url + path)
    page.locator(".hb-toolbar").first.wait_for()
    seed(page)
    first = page.locator(item_selector).first.get_attribute("data-item")
    before = saved(page)
    if answers is None:
        content = json.dumps({"format": FORMAT, "tool": IMG, "answers": {}}).encode()
    elif isinstance(answers, bytes):
        content = answers
    else:
        content = answers_file(tool_id, answers(first)).replace(json.dumps(DEEP).encode(), b"[" * 5000 + b"]" * 5000)
    page.locator(".hb-toolbar input[type=file]").first.set_input_files(
        files=[{"name": "answers.json", "mimeType": "application/json", "buffer": content}])
    message = page.locator(".hb-toolbar__message[data-kind=error]").first
    message.wait_for()
    text = message.inner_text()
    assert expected.replace("{i}", first) in text
    assert text.endswith("Your saved answers have not been changed.")
    assert "Answers imported" not in text
    assert saved(page) == before
    assert_inert(page)
    # The tool still saves what the reader does next.
    page.reload()
    page.locator(".hb-toolbar").first.wait_for()
    assert saved(page) == before
    if tool == "checklist":
        page.locator(".hb-check__input").nth(1).check()
        assert saved(page) != before
        page.reload()
        assert page.locator(".hb-check__input").nth(1).is_checked()


def test_answers_saved_before_imports_were_checked_do_not_stop_saving(page, site_url):
    """A deeply nested fingerprint that an unchecked import once saved."""
    page.goto(site_url + CHECKLIST)
    page.locator(".hb-toolbar").first.wait_for()  # started before the answers are planted
    first = page.locator("li.hb-check").first.get_attribute("data-item")
    page.evaluate("""([key, id]) => localStorage.setItem(key, `{"format": "peer-roles-handbook/answers",
        "saved": "z", "answers": {"${id}": {"checked": true, "hash": ${"[".repeat(5000)}${"]".repeat(5000)}},
        "other": null}}`)""", [f"/hb:{EDITION}:checklist:onboarding", first])
    page.reload()
    boxes = page.locator(".hb-check__input")
    assert boxes.nth(0).is_checked()
    boxes.nth(1).check()
    page.reload()
    assert boxes.nth(0).is_checked() and boxes.nth(1).is_checked()
    assert page.locator(".hb-storage-warning:visible").count() == 0


def test_a_valid_answers_file_is_still_imported(page, site_url):
    page.goto(site_url + STAR)
    page.locator(".hb-toolbar").first.wait_for()
    first = page.locator(".hb-star-component[data-item]").first.get_attribute("data-item")
    page.locator(".hb-toolbar input[type=file]").set_input_files(files=[{
        "name": "star.json", "mimeType": "application/json",
        "buffer": answers_file("role-star", {first: {"choice": "desirable", "note": IMG, "hash": "x", "text": SVG}})}])
    page.get_by_text("Answers imported.").wait_for()
    assert page.locator(".hb-star__choice").first.locator("input[value=desirable]").is_checked()
    assert page.locator(".hb-star__choice textarea").first.input_value() == IMG
    assert_inert(page)


def test_the_facilitators_star_view_refuses_hostile_files_by_name(page, site_url):
    page.goto(site_url + STAR)
    first = page.locator(".hb-star-component[data-item]").first.get_attribute("data-item")
    page.locator("summary", has_text="compare several stars").click()
    page.locator("#hb-star-files").set_input_files(files=[{
        "name": f"{IMG}.json", "mimeType": "application/json",
        "buffer": answers_file("role-star", {first: {"choice": "constructor"}})}])
    message = page.locator(".hb-star-group").locator("xpath=..").locator(".hb-facilitator__message")
    message.wait_for()
    assert message.inner_text().startswith(f"{IMG}.json: This file was not imported")
    assert '"constructor" is not one of the choices' in message.inner_text()
    assert message.inner_text().endswith("Nothing was combined.")
    assert page.locator(".hb-star-counts").count() == 0
    assert_inert(page)


# --- Role inventory CSVs in the facilitator's views ---

def csv_file(name, source="dev-co-worker.csv", change=None):
    rows = list(csv.reader(io.StringIO((FIXTURES / "inventory" / source).read_text())))
    if change:
        change(rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return {"name": name, "mimeType": "text/csv", "buffer": out.getvalue().encode()}


def cell(row, column, value):
    def change(rows):
        rows[row][rows[0].index(column)] = value
    return change


# (name, files, expected message or None when the files combine, with the payload inert)
CSVS = [
    ("markup as the item number", [csv_file("a.csv", change=cell(1, "number", IMG))], None),
    ("encoded markup as the item number", [csv_file("a.csv", change=cell(1, "number", ENCODED))], None),
    ("markup as the statement", [csv_file("a.csv", change=cell(1, "statement", SVG))], None),
    ("markup as the group", [csv_file("a.csv", change=cell(1, "stakeholder_group", LINK))], None),
    ("markup as the item id", [csv_file("a.csv", change=cell(1, "item_id", IMG))],
     f"a.csv: line 2 names an item this inventory does not have ({json.dumps(IMG[:40])})"),
    ("rating 9", [csv_file("a.csv", change=cell(2, "rating", "9"))],
     'a.csv: line 3 has the rating "9", which is not 1 to 4, dont-know or not-relevant'),
    ("markup as the rating", [csv_file("a.csv", change=cell(2, "rating", SVG))], "a.csv: line 3 has the rating"),
    ("unknown version", [csv_file("a.csv", change=cell(1, "version", "both"))],
     'a.csv: line 2 has the version "both", which is not development or audit'),
    ("a file of both versions", [csv_file("a.csv", change=cell(3, "version", "audit"))],
     "a.csv: line 4 is from the audit version, but the lines before it are from the development version"),
    ("development and audit files together",
     [csv_file("dev-one.csv"), csv_file("audit-one.csv", source="audit-manager.csv"), csv_file("dev-two.csv", source="dev-manager.csv")],
     "These files mix development and audit responses, which cannot be combined in one summary "
     "(development: dev-one.csv, dev-two.csv; audit: audit-one.csv). Combine each version on its own. Nothing was combined."),
    ("markup as the file name", [csv_file(f"{IMG}.csv", change=cell(2, "rating", "9"))], f"{IMG}.csv: line 3"),
]


@pytest.mark.parametrize("name, files, expected", CSVS, ids=[c[0] for c in CSVS])
def test_hostile_csvs_in_the_combine_view(page, site_url, name, files, expected):
    page.goto(site_url + INVENTORY)
    page.locator("summary", has_text="facilitators").click()
    page.locator("#hb-inv-combine").set_input_files(files=files)
    if expected is None:
        rows = page.locator(".hb-summary tbody tr")
        rows.first.wait_for()
        # The page's own item number and statement, whatever the file says.
        assert rows.first.locator("th").inner_text() == "1.1"
        assert rows.first.locator("td").first.inner_text().startswith("Peer workers are hired")
    else:
        message = page.locator(".hb-facilitator__message")
        message.wait_for()
        assert expected in message.inner_text()
        assert page.locator(".hb-summary").count() == 0
    assert_inert(page)


def test_a_refused_combine_clears_the_previous_summary(page, site_url):
    page.goto(site_url + INVENTORY)
    page.locator("summary", has_text="facilitators").click()
    page.locator("#hb-inv-combine").set_input_files(files=[csv_file("dev.csv")])
    page.locator(".hb-summary").wait_for()
    assert "Combined development ratings from 1 response" in page.locator(".hb-summary caption").inner_text()
    page.locator("#hb-inv-combine").set_input_files(files=[csv_file("dev.csv"), csv_file("audit.csv", source="audit-co-worker.csv")])
    page.locator(".hb-facilitator__message").wait_for()
    assert "development: dev.csv; audit: audit.csv" in page.locator(".hb-facilitator__message").inner_text()
    assert page.locator(".hb-summary").count() == 0


@pytest.mark.parametrize("column, payload", [("number", IMG), ("statement", SVG), ("number", ENCODED)])
def test_hostile_csvs_in_the_compare_view(page, site_url, column, payload):
    page.goto(site_url + INVENTORY)
    page.locator("summary", has_text="facilitators").click()
    def everywhere(rows):
        for row in rows[1:]:
            row[rows[0].index(column)] = payload
    page.locator("#hb-inv-master").set_input_files(files=[csv_file("master.csv", "master.csv", everywhere)])
    page.locator("#hb-inv-audits").set_input_files(files=[
        csv_file(f"{n}.csv", f"audit-{n}.csv", everywhere) for n in ("co-worker", "manager", "peer-worker")])
    page.get_by_role("button", name="Compare").click()
    page.locator(".hb-gaps tbody tr").first.wait_for()
    numbers = page.locator(".hb-gaps tbody th").all_inner_texts()
    assert numbers and all(n.count(".") == 1 and n.replace(".", "").isdigit() for n in numbers)
    assert_inert(page)


def test_the_compare_view_refuses_a_development_file_as_an_audit(page, site_url):
    page.goto(site_url + INVENTORY)
    page.locator("summary", has_text="facilitators").click()
    page.locator("#hb-inv-master").set_input_files(files=[csv_file("master.csv", "master.csv")])
    page.locator("#hb-inv-audits").set_input_files(files=[csv_file("dev.csv")])
    page.get_by_role("button", name="Compare").click()
    page.locator(".hb-facilitator__message").wait_for()
    assert page.locator(".hb-facilitator__message").inner_text() == "dev.csv: it is a development file, not audit. Nothing was combined."


# --- Share links to interview sheets ---

def open_sheet(page, site_url, suffix=""):
    page.goto(site_url + SHEET + suffix)
    page.locator(".hb-builder:not([hidden])").wait_for()


def shown(page, field):
    return page.locator(f'.hb-sheet [data-show="{field}"]').inner_text()


def link(**params):
    from urllib.parse import urlencode
    return "#" + urlencode(params)


# (link fragment, field: text the sheet must show, message expected)
LINKS = [
    (link(questions="dependability", role=IMG), {"role": IMG}, None),
    (link(questions="dependability", panel=SVG), {"panel": SVG}, None),
    (link(questions="dependability", organisation=ENCODED), {"organisation": ENCODED}, None),
    (link(questions="dependability", role=LINK), {"role": LINK}, None),
    (link(questions="dependability", role="javascript:window.__pwned=1"), {"role": "javascript:window.__pwned=1"}, None),
    (link(questions="dependability", date=IMG), {"date": IMG}, None),
    (link(questions=f"{IMG},dependability"), {}, "1 question(s) in the link are not in this edition"),
    (link(questions="__proto__,constructor,dependability"), {}, "2 question(s) in the link are not in this edition"),
    (link(questions="dependability", candidate="Casey Moore"), {"candidate": ""}, None),
    (link(questions="dependability", role="x" * 5000), {"role": "x" * 500}, None),
    (link(questions=",".join(["dependability"] * 3000)), {}, None),
]


@pytest.mark.parametrize("fragment, fields, expected", LINKS, ids=[str(n) for n in range(len(LINKS))])
def test_hostile_share_links_show_text(page, site_url, fragment, fields, expected):
    open_sheet(page, site_url, fragment)
    assert page.eval_on_selector_all(".hb-sheet__question:not([hidden])", "els => els.map(e => e.dataset.question)") == ["dependability"]
    for field, text in fields.items():
        assert shown(page, field) == text
    message = page.locator(".hb-toolbar__message").inner_text()
    assert message.startswith("This is the sheet from the link you opened.")
    if expected:
        assert expected in message
    assert_inert(page)


def build_saved_sheet(page, site_url, questions, details):
    open_sheet(page, site_url)
    for question in questions:
        page.locator(f"#hb-pick-{question}").check()
    for field, value in details.items():
        page.locator(f"#hb-sheet-{field}").fill(value)


PREVIOUS = {"role": "Peer support worker", "panel": "Ana Ruiz", "candidate": "Casey Moore"}


@pytest.mark.parametrize("questions, details", [
    (["dependability"], PREVIOUS),                   # the same questions as the link
    ([], PREVIOUS),                                  # no questions, only details
    (["dependability"], {"role": "Coach", "candidate": "Casey Moore"}),  # identical but for the candidate
    (["rising-stress"], {}),                         # other questions, no details
])
def test_a_link_never_destroys_the_saved_sheet(page, site_url, questions, details):
    build_saved_sheet(page, site_url, questions, details)
    before = saved(page)
    page.goto("about:blank")  # so that opening the link loads the page, not just its #
    open_sheet(page, site_url, link(questions="dependability", role="Coach"))
    assert shown(page, "role") == "Coach" and shown(page, "candidate") == ""
    assert "you can bring it back" in page.locator(".hb-toolbar__message").inner_text()
    page.get_by_role("button", name="Bring back my previous sheet").click()
    for field in ("role", "panel", "candidate"):
        assert page.locator(f"#hb-sheet-{field}").input_value() == details.get(field, "")
    assert page.eval_on_selector_all(".hb-sheet__question:not([hidden])", "els => els.map(e => e.dataset.question)") == questions
    # What is saved again is the previous sheet itself.
    assert json.loads(dict(json.loads(saved(page)))[f"/hb:{EDITION}:interview-sheet"])["answers"] == \
        json.loads(dict(json.loads(before))[f"/hb:{EDITION}:interview-sheet"])["answers"]


def test_a_link_to_the_sheet_already_saved_offers_nothing_to_bring_back(page, site_url):
    build_saved_sheet(page, site_url, ["dependability"], {"role": "Coach"})
    page.goto("about:blank")
    open_sheet(page, site_url, link(questions="dependability", role="Coach"))
    assert page.locator(".hb-toolbar__message").inner_text() == "This is the sheet from the link you opened."
    assert page.get_by_role("button", name="Bring back my previous sheet").count() == 0


# --- Builder fields ---

@pytest.mark.parametrize("payload", PAYLOADS)
def test_interview_sheet_fields_show_text(page, site_url, payload):
    open_sheet(page, site_url)
    page.locator("#hb-pick-dependability").check()
    for field in ("role", "organisation", "panel", "candidate", "date"):
        page.locator(f"#hb-sheet-{field}").fill(payload)
    for field in ("role", "organisation", "panel", "candidate"):
        assert shown(page, field) == payload
    page.reload()
    page.locator(".hb-builder:not([hidden])").wait_for()
    assert shown(page, "panel") == payload
    assert_inert(page)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_job_description_fields_show_text(page, site_url, payload):
    page.goto(site_url + BUILDER)
    page.locator(".hb-builder:not([hidden])").wait_for()
    page.get_by_role("textbox", name="Job title").fill(payload)
    part = page.locator(".hb-jd-section").first
    part.locator("input").fill(payload)
    part.locator("textarea").first.fill(payload)
    part.locator(".hb-jd-points").fill(f"{payload}\n{LINK}")
    page.get_by_label("Other tasks it does not include, one per line").fill(payload)
    preview = page.locator(".hb-jd-preview")
    assert preview.locator(".hb-jd-preview__title").inner_text() == payload
    assert payload in preview.locator("h5").all_inner_texts()
    assert LINK in preview.locator("li").all_inner_texts()
    page.reload()
    page.locator(".hb-builder:not([hidden])").wait_for()
    assert page.locator(".hb-jd-preview__title").inner_text() == payload
    assert_inert(page)


def test_a_hostile_saved_draft_loads_as_text(page, site_url):
    page.goto(site_url + BUILDER)
    page.locator(".hb-builder:not([hidden])").wait_for()
    draft = {"title": IMG, "parts": [{"component": "responsibilities", "sections": [
        {"heading": SVG, "text": {"html": IMG}, "points": [ENCODED, 5, nested(50)]}]}, "not a part"],
        "excluded": LINK}
    page.evaluate("""([key, draft]) => localStorage.setItem(key,
        JSON.stringify({format: 'peer-roles-handbook/answers', tool: 'job-description', saved: 'z', answers: {draft}}))""",
                  [f"/hb:{EDITION}:job-description", draft])
    page.reload()
    page.locator(".hb-builder:not([hidden])").wait_for()
    preview = page.locator(".hb-jd-preview")
    assert preview.locator(".hb-jd-preview__title").inner_text() == IMG
    assert preview.locator("h5").first.inner_text() == SVG
    assert ENCODED in preview.locator("li").all_inner_texts()
    assert_inert(page)


# --- Storage full, blocked or missing ---

# The real localStorage stays reachable to the test as window.__testStorage().
BLOCKED = """(() => {
  const real = Object.getOwnPropertyDescriptor(window, "localStorage").get;
  Object.defineProperty(window, "__testStorage", { value: () => real.call(window) });
  Object.defineProperty(window, "localStorage", { configurable: true,
    get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });
})();"""
MISSING = """(() => {
  const real = Object.getOwnPropertyDescriptor(window, "localStorage").get;
  Object.defineProperty(window, "__testStorage", { value: () => real.call(window) });
  Object.defineProperty(window, "localStorage", { configurable: true, get: () => undefined });
})();"""
FULL = """(() => {
  Object.defineProperty(window, "__testStorage", { value: () => window.localStorage });
  Storage.prototype.setItem = function () {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  };
})();"""
STORAGE = {"blocked": BLOCKED, "full": FULL, "missing": MISSING}


def use_sheet(page):
    page.locator("#hb-pick-rising-stress").check()
    assert "rising-stress" in page.eval_on_selector_all(".hb-sheet__question:not([hidden])", "els => els.map(e => e.dataset.question)")


def use_builder(page):
    page.get_by_role("textbox", name="Job title").fill("Peer support worker (nights)")
    assert page.locator(".hb-jd-preview__title").inner_text() == "Peer support worker (nights)"


def use_checklist(page):
    page.locator(".hb-check__input").nth(2).check()
    assert page.locator(".hb-toolbar__status").first.inner_text().endswith("done")
    assert page.locator(".hb-check__input").nth(2).is_checked()


def use_quiz(page):
    page.locator(".hb-quiz__choice").nth(1).get_by_label("False").check()
    assert page.locator(".hb-quiz__result").inner_text().startswith("Your score:")


def use_star(page):
    page.locator(".hb-star__choice").nth(1).locator("input[value=desirable]").check()
    assert page.locator(".hb-star__arm--desirable").count() == 1


def use_inventory(page):
    page.get_by_label("Your rating for item 2.1").select_option("3")
    assert page.locator(".hb-toolbar__status").inner_text().endswith("rated")
    assert page.get_by_label("Your rating for item 2.1").input_value() == "3"


def use_clarity(page):
    reach_activity(page.locator("section.hb-clarity[data-item]").nth(1)).locator("select").first.select_option("No")
    assert page.locator(".hb-toolbar__status").inner_text().endswith("activities answered")


def seed_sheet(page):
    page.locator("#hb-pick-dependability").check()


def seed_builder(page):
    page.get_by_role("textbox", name="Job title").fill("Saved title")


SEVEN = {
    "checklists": (CHECKLIST, seed_checklist, use_checklist),
    "readiness quiz": (QUIZ, seed_quiz, use_quiz),
    "role star": (STAR, seed_star, use_star),
    "role inventory": (INVENTORY, seed_inventory, use_inventory),
    "role clarity": (CLARITY, seed_clarity, use_clarity),
    "interview sheet": (SHEET, seed_sheet, use_sheet),
    "job description builder": (BUILDER, seed_builder, use_builder),
}
READY = ".hb-toolbar, .hb-builder:not([hidden])"


@pytest.mark.parametrize("state", sorted(STORAGE))
@pytest.mark.parametrize("tool", sorted(SEVEN))
def test_every_tool_works_and_says_so_when_storage_fails(browser, site_url, tool, state):
    path, seed, use = SEVEN[tool]
    with guarded_tab(browser, site_url) as page:
        page.goto(site_url + path)
        page.locator(READY).first.wait_for()
        seed(page)
        before = saved(page)
        page.context.add_init_script(STORAGE[state])
        page.reload()
        page.locator(READY).first.wait_for()
        for note in page.locator(".hb-js-off-note").all():
            assert not note.is_visible()
        use(page)
        warning = page.locator(".hb-storage-warning:visible").first
        assert "cannot be saved in this browser" in warning.inner_text()
        assert ("full" in warning.inner_text()) == (state == "full")
        assert page.evaluate("JSON.stringify(Object.entries(window.__testStorage()).sort())") == before
        page.reload()
        page.locator(READY).first.wait_for()
        assert page.evaluate("JSON.stringify(Object.entries(window.__testStorage()).sort())") == before


def test_answers_can_still_be_exported_with_storage_blocked(browser, site_url, tmp_path):
    with guarded_tab(browser, site_url) as page:
        page.context.add_init_script(BLOCKED)
        page.goto(site_url + CHECKLIST)
        page.locator(".hb-toolbar").first.wait_for()
        warning = page.locator(".hb-storage-warning").first
        assert warning.is_visible() and "Export them to keep a copy." in warning.inner_text()
        page.locator(".hb-check__input").nth(1).check()
        with page.expect_download() as download:
            page.get_by_role("button", name="Export for importing later (JSON)").first.click()
        path = tmp_path / "answers.json"
        download.value.save_as(path)
        answers = json.loads(path.read_text())["answers"]
        assert [a["checked"] for a in answers.values()] == [True]
        # And imported again, after clearing, within the same visit.
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Clear answers").first.click()
        assert not page.locator(".hb-check__input").nth(1).is_checked()
        page.locator(".hb-toolbar input[type=file]").first.set_input_files(str(path))
        page.get_by_text("Answers imported.").wait_for()
        assert page.locator(".hb-check__input").nth(1).is_checked()
