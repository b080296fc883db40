"""Long pages of large items (the values, the role-clarity activities) lay out only the
items near the screen, so a phone is not kept busy with the rest; yet an item reads in
full once the reader scrolls to it, and the whole page goes on paper. The role-clarity
exercise builds an activity's form only as it nears the screen: answers of activities
not reached yet are kept, counted, exported and printed all the same, and nothing on
screen moves as forms are built."""
import io
import re

import pytest
from pypdf import PdfReader

from conftest import reach_activity
from test_exports import export_csv, printed_text


pytestmark = pytest.mark.browser

VALUES = "foundations/values/"
CLARITY = "supervise/role-clarity/"

# Whether the browser has laid out an element for the screen.
RENDERED = "el => el.checkVisibility({ contentVisibilityAuto: true })"


def flat(text):
    return re.sub(r"\s+", " ", text).strip()


def last_item_text(handbook, path):
    """The last item of the page: its element, the part a reader reads, and its words."""
    if path == VALUES:
        value = handbook["values"].items[-1]
        return f'.hb-value[data-item="{value["id"]}"]', "p", value["meaning"]
    activity = handbook["role_clarity"].items[-1]
    return f'section#{activity["id"]}', "h4", f'{activity["number"]}. {activity["activity"]}'


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", [VALUES, CLARITY])
def test_an_item_far_down_is_laid_out_once_the_reader_scrolls_to_it(page, site_url, handbook, path, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(site_url + path)
    item, part, words = last_item_text(handbook, path)
    text = page.locator(item).locator(part).first
    assert not text.evaluate(RENDERED)
    text.scroll_into_view_if_needed()
    page.wait_for_function(RENDERED, arg=text.element_handle())
    assert flat(text.inner_text()) == words


def test_the_values_page_prints_every_value(page, site_url, handbook):
    page.goto(site_url + VALUES)
    page.wait_for_function("[...document.querySelectorAll('style[media=print]')]"
                           ".some(s => s.textContent.includes('Printed'))")
    pages = PdfReader(io.BytesIO(page.pdf(format="A4"))).pages
    # Compared without spaces: paper breaks lines, and may hyphenate, where it likes.
    printed = re.sub(r"\s+", "", "".join(p.extract_text() for p in pages))
    opening = lambda text: "".join(text.split()[:10])  # noqa: E731
    missing = [value["id"] for value in handbook["values"].items if opening(value["meaning"]) not in printed]
    assert missing == []


def test_an_answer_far_down_is_kept_exported_and_printed_before_its_form_is_built(page, site_url, handbook, tmp_path):
    activities = handbook["role_clarity"].items
    last, first = activities[-1], activities[0]
    page.goto(site_url + CLARITY)
    page.locator(".hb-toolbar").wait_for()
    # At the top of the page no activity has its form yet: they are all far down.
    assert page.locator(".hb-clarity__mine").count() == 0
    section = page.locator(f"section#{last['id']}")
    reach_activity(section).get_by_label("(c)", exact=False).first.select_option("Not sure")
    page.evaluate("scrollTo(0, 0)")
    page.reload()
    page.locator(".hb-toolbar").wait_for()
    assert section.locator(".hb-clarity__mine").count() == 0
    assert page.locator(".hb-toolbar__status").inner_text() == f"1 of {len(activities)} activities answered"
    # Answering another activity saves the one not reached yet along with it.
    reach_activity(page.locator(f"section#{first['id']}")).get_by_label("(a)", exact=False).first.select_option("Yes")
    assert section.locator(".hb-clarity__mine").count() == 0
    assert page.locator(".hb-toolbar__status").inner_text() == f"2 of {len(activities)} activities answered"
    _, rows, _ = export_csv(page, tmp_path)
    title = f"{last['number']}. {last['activity']}"
    assert [row[3] for row in rows if row[0] == title and row[1] == "c"] == ["Not sure"]
    assert printed_text(page).count("Your answer: Not sure") == 1
    page.emulate_media(media="screen")
    page.reload()
    page.locator(".hb-toolbar").wait_for()
    assert reach_activity(section).get_by_label("(c)", exact=False).first.input_value() == "Not sure"


# The layout shifts not caused by the reader's input since `since` (ms after the page
# started loading), added up.
SHIFT_SINCE = """since => new Promise(done => {
  const seen = [];
  new PerformanceObserver((list) => seen.push(...list.getEntries())).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => done(seen.filter(s => s.startTime >= since && !s.hadRecentInput).reduce((t, s) => t + s.value, 0)), 500);
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_building_an_activitys_form_moves_nothing_on_screen(page, site_url, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(site_url + CLARITY)
    page.locator(".hb-toolbar").wait_for()
    activities = page.locator("section.hb-clarity[data-item]")
    # From a screen above the first activity down through several, then back up from
    # an activity picked further down (built before the page scrolls to it), past
    # activities built as they come into view.
    page.evaluate("el => scrollTo(0, el.getBoundingClientRect().top + scrollY - innerHeight)", activities.first.element_handle())
    page.wait_for_timeout(300)
    since = page.evaluate("performance.now()")
    for _ in range(10):
        page.mouse.wheel(0, 500)
        page.wait_for_timeout(150)
    page.get_by_label("Go to an activity").select_option(index=21)
    page.wait_for_timeout(300)
    for _ in range(10):
        page.mouse.wheel(0, -500)
        page.wait_for_timeout(150)
    assert activities.nth(2).locator(".hb-clarity__mine").count() == 1
    assert activities.nth(18).locator(".hb-clarity__mine").count() == 1
    assert page.evaluate(SHIFT_SINCE, since) <= 0.01
