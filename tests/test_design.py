"""The handbook's design as a reader meets it: a home page that starts tasks, a strong
focus indicator on every control, touch targets on phones, contributor furniture at the
foot of the page, and a palette that keeps its contrast."""
from urllib.parse import parse_qs, urlsplit

import pytest
from mkdocs.config import load_config

from conftest import ROOT, assert_accessible

CONFIG = load_config(str(ROOT / "mkdocs.yml"))

# What the home page offers, by link text and the page it opens.
HOME_LINKS = {
    "Interview sheet builder": "recruit/interview-sheet/",
    "Job description builder": "recruit/job-description-builder/",
    "Readiness quiz": "prepare/timeline/#readiness-quiz",
    "Onboarding checklist": "onboard/onboarding-checklist/",
    "Role-clarity exercise": "supervise/role-clarity/#the-role-clarity-exercise",
    "Managers and leaders": "start/manager/",
    "HR staff": "start/hr/",
    "Supervisors": "start/supervisor/",
    "Team colleagues": "start/colleague/",
    "Peer workers": "start/peer-worker/",
}

TOOL_PAGES = ["onboard/onboarding-checklist/", "prepare/timeline/", "prepare/role-star/",
              "recruit/interview-sheet/", "sustain/role-inventory/",
              "supervise/role-clarity/"]

# The control that has focus, described by what a person would see of its indicator.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  let shown = box.width > 0 && box.height > 0 && style.visibility !== "hidden";
  for (let node = el; node instanceof Element; node = node.parentElement) {
    if (parseFloat(getComputedStyle(node).opacity) === 0) shown = false;
  }
  return {
    tag: el.tagName.toLowerCase(), type: el.type || "", id: el.id, cls: el.className.toString(),
    text: (el.innerText || el.value || el.getAttribute("aria-label") || "").slice(0, 60),
    outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
    shadow: style.boxShadow, visible: shown,
  };
}"""


def test_home_page_links_every_builder_tool_and_route(page, site_url):
    page.goto(site_url)
    for text, target in HOME_LINKS.items():
        link = page.locator(".md-content a", has_text=text).first
        assert link.is_visible(), text
        assert link.evaluate("a => a.href") == site_url + target, text
    about = page.locator(".hb-about").inner_text()
    assert f"Edition {CONFIG['extra']['edition']}" in about
    assert f"Published by the {CONFIG['extra']['publisher']}" in about
    assert "Last reviewed" in about


@pytest.mark.parametrize("path, targets", [
    ("start/hr/", ["recruit/job-description-builder/", "recruit/interview-sheet/"]),
    ("recruit/job-descriptions/", ["recruit/job-description-builder/",
                                   "recruit/interview-sheet/"]),
    ("recruit/", ["recruit/job-description-builder/", "recruit/interview-sheet/"]),
    ("onboard/", ["onboard/onboarding-checklist/"]),
    ("prepare/", ["prepare/timeline/#readiness-quiz", "prepare/role-star/"]),
    ("supervise/", ["supervise/role-clarity/#the-role-clarity-exercise"]),
    ("sustain/", ["sustain/role-inventory/"]),
])
def test_routes_and_section_pages_link_their_tools_in_the_text(page, site_url, path, targets):
    page.goto(site_url + path)
    hrefs = page.locator("article.md-content__inner a").evaluate_all(
        "links => links.map(a => a.href)")
    for target in targets:
        assert site_url + target in hrefs, target


@pytest.mark.parametrize("path", TOOL_PAGES)
def test_every_control_shows_focus_from_the_keyboard(page, site_url, path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + path)
    seen, missing = [], []
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (seen and focused == seen[0]):
            break
        seen.append(focused)
        outlined = focused["outline"] != "none" and focused["width"] >= 2
        if not (focused["visible"] and (outlined or focused["shadow"] != "none")):
            missing.append(focused)
    kinds = {(f["tag"], f["type"]) for f in seen}
    assert len(seen) > 10, seen
    assert ("a", "") in kinds and any(tag in {"input", "select", "button"} for tag, _ in kinds)
    assert missing == [], "\n".join(map(str, missing))


def test_radios_and_checkboxes_show_focus(page, site_url):
    """Radios and checkboxes, the controls that once had no outline, by kind."""
    for path, selector in [("prepare/timeline/", ".hb-quiz input[type=radio]"),
                           ("onboard/onboarding-checklist/", ".hb-check__input"),
                           ("recruit/interview-sheet/", ".hb-bank__list input")]:
        page.goto(site_url + path)
        page.keyboard.press("Tab")  # a keyboard event, so :focus-visible applies
        page.locator(selector).first.focus()
        focused = page.evaluate(FOCUSED)
        assert focused["outline"] != "none" and focused["width"] >= 2, (path, focused)


# What a finger presses in a tool: radio and checkbox labels (wrapping their input or
# named by its id), every other control, and the tool's disclosures.
TARGET_BOXES = """() => {
  const label = (input) => input.closest("label") || document.querySelector(`label[for="${input.id}"]`);
  const checks = [...document.querySelectorAll(
    ".md-typeset input[type=checkbox], .md-typeset input[type=radio]")].map(label);
  const controls = [...document.querySelectorAll(
    ".md-typeset :is(button, select, textarea, input:not([type=checkbox], [type=radio])),"
    + " .md-typeset :is(.hb-builder, .hb-facilitator) summary")];
  return [...checks, ...controls].filter(target => target.getClientRects().length).map(target => {
    const box = target.getBoundingClientRect();
    return {target: `${target.tagName} ${target.id || target.className || target.textContent.trim().slice(0, 30)}`,
            width: box.width, height: box.height};
  });
}"""


@pytest.mark.parametrize("path", ["onboard/onboarding-checklist/", "prepare/timeline/",
                                  "prepare/role-star/", "recruit/interview-sheet/",
                                  "recruit/job-description-builder/",
                                  "sustain/role-inventory/", "supervise/role-clarity/",
                                  "embed/supervise-role-clarity/"])
def test_touch_targets_are_44_pixels_on_a_phone(browser, site_url, path):
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  has_touch=True, is_mobile=True)
    try:
        phone = context.new_page()
        phone.goto(site_url + path)
        # The tool has started: its toolbar or its builder shows.
        phone.locator(".hb-toolbar, .hb-builder").first.wait_for()
        boxes = phone.evaluate(TARGET_BOXES)
        assert len({box["target"].split()[0] for box in boxes}) >= 2, (path, boxes)
        small = [b for b in boxes if b["width"] < 44 or b["height"] < 44]
        assert small == [], small
        # Nothing, a long drop-down included, makes the page scroll sideways.
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_suggest_a_change_sits_at_the_foot_with_the_correction_form(page, site_url):
    page.goto(site_url + "foundations/values/")
    top = "el => el.getBoundingClientRect().top + window.scrollY"  # from the page's top
    # No edit pencil or other button beside the title.
    assert page.locator(".md-content__button").count() == 0
    edit = page.locator("a[rel=edit]")
    assert edit.count() == 1 and not edit.is_visible()
    suggest = page.locator(".hb-page-source details.hb-suggest")
    suggest.locator("summary").click()
    assert suggest.locator("summary").inner_text() == "Suggest a change"
    assert edit.is_visible()
    assert edit.evaluate(top) > page.locator("h1").first.evaluate(top) + 2000
    form = suggest.locator("a.hb-suggest__form")
    assert form.is_visible()
    address = urlsplit(form.get_attribute("href"))
    repository = CONFIG["extra"]["edit_url"].split("/edit/")[0]
    assert f"{address.scheme}://{address.netloc}{address.path}" == repository + "/issues/new"
    query = parse_qs(address.query)
    assert query["template"] == ["content-correction.yml"]
    assert (ROOT / ".github/ISSUE_TEMPLATE" / query["template"][0]).is_file()
    assert query["title"] == ["Correction: Peer values"]
    assert query["location"] == [site_url + "foundations/values/"]
    # The article's last words come before the disclosure.
    last_words = page.locator("article > :not(aside)").last
    assert suggest.evaluate(top) > last_words.evaluate(top)


@pytest.mark.parametrize("path", ["", "foundations/values/", "onboard/onboarding-checklist/",
                                  "recruit/interview-sheet/"])
def test_pages_have_no_accessibility_violations(page, site_url, path):
    page.goto(site_url + path)
    assert_accessible(page)


def relative_luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    light, dark = sorted([relative_luminance(a), relative_luminance(b)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


COLOUR = """([selector, property]) => {
  const el = document.querySelector(selector);
  const value = getComputedStyle(el)[property];
  return value.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
}"""


def test_palette_keeps_its_contrast(page, site_url):
    page.goto(site_url + "foundations/values/")
    colour = lambda selector, prop: page.evaluate(COLOUR, [selector, prop])  # noqa: E731
    white = colour("body", "backgroundColor")
    assert white == [255, 255, 255]
    pairs = {
        "header text on the header": (colour(".md-header", "color"),
                                      colour(".md-header", "backgroundColor"), 4.5),
        "body text": (colour(".md-typeset p", "color"), white, 4.5),
        "headings": (colour(".md-typeset h1", "color"), white, 4.5),
        "links": (colour(".md-typeset p a", "color"), white, 4.5),
        "quieter text at the foot": (colour(".hb-page-source", "color"), white, 4.5),
    }
    # The focus ring (ink) against the page and against its yellow gap.
    page.keyboard.press("Tab")
    page.locator(".md-content summary").first.focus()
    pairs["focus outline"] = (colour(".md-content summary", "outlineColor"), white, 3)
    for name, (fg, bg, needed) in pairs.items():
        assert contrast(fg, bg) >= needed, (name, fg, bg, contrast(fg, bg))
    # The header is the handbook's petrol, not Material's default indigo.
    assert colour(".md-header", "backgroundColor") == [11, 74, 89]


def test_nothing_covers_the_text_after_scrolling_back_up(browser, site_url):
    """On a phone, scrolling back up (when Material would show its back-to-top button)
    puts nothing fixed over the text below the header."""
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  has_touch=True, is_mobile=True)
    try:
        phone = context.new_page()
        phone.goto(site_url + "supervise/role-clarity/")
        for y in (3000, 2700, 2500):
            phone.evaluate("y => scrollTo(0, y)", y)
            phone.wait_for_timeout(400)
        covering = phone.evaluate("""() => {
          const header = document.querySelector(".md-header");
          return [...document.querySelectorAll("body *")].filter(el => {
            if (header.contains(el)) return false;
            const style = getComputedStyle(el);
            if (!["fixed", "sticky"].includes(style.position)) return false;
            const box = el.getBoundingClientRect();
            return box.width > 0 && box.height > 0 && style.visibility !== "hidden"
              && parseFloat(style.opacity) > 0 && !el.hidden
              && box.bottom > header.getBoundingClientRect().bottom && box.top < innerHeight
              && box.left < document.documentElement.clientWidth && box.right > 0;
          }).map(el => el.className.toString());
        }""")
        assert covering == []
    finally:
        context.close()
