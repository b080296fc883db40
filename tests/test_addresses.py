"""Addresses a reader hands on: printed sheets and embed snippets name the address the
page is served from, whatever SITE_URL the site was built with; the build warns when
SITE_URL is not set, and pdf.py will not stamp an address only the builder can open."""
import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from conftest import (EDITION, PRINTED_ADDRESS, assert_accessible, guarded_tab, run_mkdocs,
                      run_pdf_script, wait_until_printable)
from local_site import serve

pytestmark = pytest.mark.browser

PUBLISHED = "https://handbook.example.org/"


@pytest.fixture(scope="module")
def other_site(tmp_path_factory):
    """The handbook built for another address, inside a "latest" folder as editions are
    published, so it can be served from the root of one folder or the other."""
    root = tmp_path_factory.mktemp("published")
    result = run_mkdocs("build", "--strict", "--site-dir", str(root / "latest"),
                        env={"SITE_URL": PUBLISHED})
    assert result.returncode == 0, result.stderr
    return root / "latest"


@pytest.fixture(scope="module")
def served(other_site):
    """That site served on 127.0.0.1, at its root."""
    with serve(other_site) as url:
        yield url


@pytest.fixture
def tab(browser, served):
    with guarded_tab(browser, served) as page:
        yield page


def open_embed_box(tab, url):
    tab.goto(url)
    tab.get_by_text("Embed this section").click()
    # Its script starts when the box is opened, and shows the copy buttons.
    tab.locator(".hb-embed-code__copy").first.wait_for()
    return tab.locator(".hb-embed-code")


def snippets(tab):
    return [tab.get_by_label("A frame:").input_value(),
            tab.get_by_label("A frame that grows to fit the section").input_value()]


def test_printed_pages_carry_the_served_address_not_the_built_one(tab, served):
    tab.goto(served + "supervise/tasks/?from=menu#top")
    tab.locator("article").wait_for()
    wait_until_printable(tab)
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(tab.pdf(format="A4"))).pages]
    assert len(pages) >= 2
    for text in pages:
        # The running head: title, edition and the page's address, without query or fragment.
        assert text.splitlines()[0] == f"Peer Roles Handbook · Edition {EDITION} {served}supervise/tasks/"
        assert PUBLISHED not in text


def test_embed_snippets_name_the_served_address_and_show_whole(tab, served):
    open_embed_box(tab, served + "prepare/readiness/")
    frame, growing = snippets(tab)
    assert f'src="{served}embed/prepare-readiness/"' in frame and frame.endswith("</iframe>")
    assert f'src="{served}embed/resize.js"' in growing
    assert PUBLISHED not in frame + growing
    # Served without an edition folder, there is no "latest" to replace.
    assert tab.locator(".hb-embed-code__edition").is_hidden()
    for width in (1280, 390):
        tab.set_viewport_size({"width": width, "height": 800})
        for box in tab.locator(".hb-embed-code__snippet").all():
            assert box.evaluate("b => b.scrollHeight <= b.clientHeight"), width


def test_under_latest_the_snippet_says_how_to_keep_an_edition(browser, other_site):
    with serve(other_site.parent) as url, guarded_tab(browser, url) as tab:
        open_embed_box(tab, url + "latest/prepare/readiness/")
        assert f'src="{url}latest/embed/prepare-readiness/"' in snippets(tab)[0]
        note = tab.locator(".hb-embed-code__edition")
        assert note.is_visible()
        assert f"replace latest in the address with an edition number such as {EDITION}" in \
            " ".join(note.inner_text().split())


@pytest.fixture
def clipboard_tab(browser, served):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.rstrip("/"))
    yield context.new_page()
    context.close()


def test_copy_puts_the_snippet_on_the_clipboard_and_says_so(clipboard_tab, served):
    open_embed_box(clipboard_tab, served + "prepare/readiness/")
    clipboard_tab.get_by_role("button", name="Copy the frame that grows").click()
    status = clipboard_tab.locator(".hb-embed-code").get_by_role("status")
    expect(status).to_have_text("Copied")
    assert clipboard_tab.evaluate("navigator.clipboard.readText()") == snippets(clipboard_tab)[1]


def test_without_clipboard_access_copy_selects_the_snippet(tab, served):
    # A browser that refuses the clipboard, as one may on a page served over plain HTTP.
    tab.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('denied'))")
    open_embed_box(tab, served + "prepare/readiness/")
    tab.get_by_role("button", name="Copy the frame", exact=True).click()
    expect(tab.locator(".hb-embed-code").get_by_role("status")).to_contain_text("press Ctrl+C")
    assert tab.evaluate("""() => { const box = document.activeElement;
        return box.id === 'hb-embed-frame' && box.selectionStart === 0
               && box.selectionEnd === box.value.length; }""")


def test_build_without_site_url_warns(default_build):
    site, stderr = default_build
    assert (site / "index.html").is_file()
    warnings = [line for line in stderr.splitlines() if "SITE_URL is not set" in line]
    assert len(warnings) == 1
    assert "served from" in warnings[0] and "127.0.0.1" in warnings[0]
    assert "SITE_URL=https://" in warnings[0]


def test_pdf_refuses_to_stamp_the_default_address(default_build, tmp_path):
    result = run_pdf_script("--site", str(default_build[0]), "--out", str(tmp_path))
    assert result.returncode != 0
    assert "built without SITE_URL" in result.stderr and "--address" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.iterdir())


def test_pdf_stamps_the_address_it_is_given(printed_pdfs):
    # scripts/pdf.py ran over the default build with --address PRINTED_ADDRESS.
    sheet = PdfReader(printed_pdfs[0] / "sheets" / "onboard-onboarding-checklist.pdf")
    for page in sheet.pages:
        text = page.extract_text().replace("\n", "")
        assert PRINTED_ADDRESS + "onboard/onboarding-checklist/" in text
        assert "127.0.0.1" not in text


def test_intranet_page_gathers_embedding_offline_data_and_hosting(page, site_url):
    page.goto(site_url + "tools/")
    page.locator("article").get_by_role("link", name="For intranet administrators").click()
    page.wait_for_url(site_url + "reference/intranet/")  # the new page, loaded whole
    nav = page.locator("nav.md-nav--primary")
    assert nav.get_by_role("link", name="For intranet administrators").count() >= 1
    article = page.locator("article")
    # A snippet to try, naming this server, and a button to copy it once the script runs.
    expect(page.get_by_role("button", name="Copy the example")).to_be_visible()
    example = page.get_by_label("The onboarding checklist in a frame that grows to fit it")
    assert f'src="{site_url}embed/onboard-onboarding-checklist/"' in example.input_value()
    for heading in ("Show a section on your intranet", "A copy that works with no network",
                    "The content as data", "Hosting the handbook"):
        assert article.get_by_role("heading", name=heading).is_visible()
    assert "scripts/offline.py" in article.inner_text()
    index = article.get_by_role("link", name="The list of collections as JSON")
    response = page.request.get(index.evaluate("a => a.href"))
    assert response.ok and response.json()["edition"] == EDITION
    text = article.inner_text()
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
                   "Permissions-Policy"):
        assert header in text
    # The policy itself is in README only, so the two cannot drift apart.
    assert "default-src" not in text
    readme = article.get_by_role("link", name="hosting section of the README")
    assert readme.get_attribute("href").endswith("README.md#hosting")
    assert_accessible(page)
