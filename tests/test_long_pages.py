"""Long pages of large items (the values, the role-clarity activities) lay out only the
items near the screen, so a phone is not kept busy with the rest; yet an item reads in
full once the reader scrolls to it, and the whole page goes on paper."""
import io
import re

import pytest
from pypdf import PdfReader


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
