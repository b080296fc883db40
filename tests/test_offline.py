"""The offline copy: the zip, unzipped and opened from files with the network cut off,
shows pages, follows links, searches and keeps the tools' answers."""
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import guarded_tab, saved_keys

pytestmark = pytest.mark.browser


@pytest.fixture
def offline_page(browser):
    """A tab that may open files and nothing else: the network is cut off."""
    with guarded_tab(browser, "file://") as page:
        yield page
        assert page.foreign_requests == []


def test_pages_open_and_links_work_from_files(offline_page, offline_copy):
    offline_page.goto((offline_copy / "index.html").as_uri())
    assert offline_page.locator("article h1").first.is_visible()
    offline_page.locator("article a[href$='start/manager.html']").first.click()
    offline_page.wait_for_url("**/start/manager.html")
    assert "For managers" in offline_page.locator("article h1").inner_text()
    # Links made by the data blocks lead to files too.
    offline_page.goto((offline_copy / "foundations" / "misconceptions.html").as_uri())
    offline_page.locator("article a[href^='values.html#']").first.click()
    offline_page.wait_for_url("**/foundations/values.html#*")


def test_search_works_from_files(offline_page, offline_copy):
    offline_page.goto((offline_copy / "index.html").as_uri())
    search = offline_page.locator(".md-search__input")
    results = offline_page.locator(".md-search-result__item")
    # The index loads in the background; a query typed before it is ready finds nothing
    # until the next keystroke, as a reader would see.
    for _ in range(10):
        search.click()
        search.fill("")
        search.press_sequentially("boundaries", delay=20)
        try:
            results.first.wait_for(timeout=2000)
            break
        except PlaywrightTimeout:
            continue
    assert results.count() > 0
    assert "boundar" in offline_page.locator(".md-search-result").inner_text().lower()


def test_tools_work_and_keep_answers_from_files(offline_page, offline_copy):
    checklist = (offline_copy / "onboard" / "onboarding-checklist.html").as_uri()
    saved_keys(offline_page, checklist)
    sheet = (offline_copy / "recruit" / "interview-sheet.html").as_uri()
    offline_page.goto(sheet)
    offline_page.locator("#hb-pick-dependability").check()
    assert offline_page.locator(".hb-sheet__question:not([hidden])").count() == 1


def test_the_word_download_explains_itself_from_files(offline_page, offline_copy):
    offline_page.goto((offline_copy / "recruit" / "job-description-builder.html").as_uri())
    offline_page.get_by_role("button", name="Download for Word (.docx)").click()
    message = offline_page.locator(".hb-toolbar__message")
    message.filter(has_text="opened from files").wait_for()
    assert "print the draft" in message.inner_text()
