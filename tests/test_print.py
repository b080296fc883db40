"""Printed pages, as Chromium prints them to PDF: no site furniture, and every sheet
says what it is, which edition, where it came from and when it was printed."""
import datetime
import io

import pytest
from pypdf import PdfReader

from conftest import EDITION, wait_until_printable

pytestmark = pytest.mark.browser


def printed(page, url):
    page.goto(url)
    page.locator("article").wait_for()
    wait_until_printable(page)
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [p.extract_text() for p in reader.pages]


@pytest.mark.parametrize("path", ["onboard/onboarding-checklist/", "supervise/tasks/"])
def test_every_printed_page_is_stamped(page, site_url, path):
    sheets = printed(page, site_url + path)
    assert len(sheets) >= 2
    today = datetime.date.today()
    date = f"Printed {today.day} {today.strftime('%B %Y')}"
    for number, text in enumerate(sheets, start=1):
        assert f"Peer Roles Handbook · Edition {EDITION}" in text
        assert site_url + path in text.replace("\n", "")
        assert date in text
        assert f"Page {number} of {len(sheets)}" in text


def test_paper_has_no_site_furniture_and_shows_link_targets(page, site_url):
    sheets = printed(page, site_url + "start/manager/")
    text = "\n".join(sheets)
    for furniture in ("Skip to content", "Table of contents", "Search"):
        assert furniture not in text
    # A link in running text prints with its full address; a citation does not.
    assert f"({site_url}foundations/peer-support/)" in text.replace("\n", "")


def test_citations_print_without_addresses(page, site_url):
    text = "\n".join(printed(page, site_url + "prepare/readiness/")).replace("\n", "")
    assert "Sources:" in text and "reference/sources/#" not in text


def test_checklist_prints_with_boxes_and_without_buttons(page, site_url):
    text = "\n".join(printed(page, site_url + "prepare/readiness/"))
    for button in ("Print my answers", "Save as a spreadsheet", "Import answers", "Clear answers"):
        assert button not in text
    page.emulate_media(media="print")
    assert page.locator(".hb-check__input").first.is_visible()
    assert not page.locator(".hb-toolbar__buttons").first.is_visible()


def test_printed_table_rows_are_never_split(page, site_url):
    page.goto(site_url + "prepare/timeline/")
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('article tbody tr')).breakInside") == "avoid"
