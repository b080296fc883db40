"""Sections shown inside another site's page: an "intranet" on another port embeds three
sections, one of them a tool. Each shows whole, fits its frame, keeps answers, and sends
its links to the full handbook in the top window."""

import pytest

from conftest import assert_accessible, guarded_tab, search_documents
from local_site import serve

pytestmark = pytest.mark.browser

SECTIONS = ["foundations-values", "supervise-tasks", "onboard-onboarding-checklist"]


@pytest.fixture
def intranet(tmp_path, site_url):
    frames = "\n".join(
        f'<h2>{name}</h2><iframe id="{name}" src="{site_url}embed/{name}/" title="{name}" '
        f'style="width:100%;border:0"></iframe>' for name in SECTIONS)
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Our intranet</title>'
        f'</head><body><h1>Our intranet</h1>{frames}'
        f'<script src="{site_url}embed/resize.js" defer></script></body></html>')
    # A strict intranet of its own, which lets in the handbook's frames and script.
    policy = f"default-src 'self'; script-src 'self' {site_url}; frame-src {site_url}"
    with serve(tmp_path, headers={"Content-Security-Policy": policy}) as url:
        yield url


@pytest.fixture
def tab(browser, site_url, intranet):
    """A tab that may reach the handbook and the intranet, and nothing else."""
    with guarded_tab(browser, site_url, intranet) as page:
        yield page
        assert page.foreign_requests == []


def frame(page, name):
    return page.frame_locator(f"#{name}")


def wait_until_sized(page, name):
    """Until the frame is as tall as the section inside it."""
    page.wait_for_function(
        """name => { const f = document.getElementById(name);
                     try { return f.style.height && parseInt(f.style.height) > 200; } catch { return false; } }""",
        arg=name)
    return page.frame(url=lambda url: f"/embed/{name}/" in url)


@pytest.mark.parametrize("name", SECTIONS)
def test_each_section_shows_whole_with_no_inner_scrollbar(tab, intranet, name):
    tab.goto(intranet)
    inner = wait_until_sized(tab, name)
    assert inner.locator("main h1").is_visible()
    # The frame holds the whole section: nothing to scroll inside it, once the section's
    # tools have started (their modules load after the page) and it has sent its height.
    inner.wait_for_function("document.documentElement.scrollHeight <= window.innerHeight + 1", timeout=5000)
    footer = inner.locator(".hb-embed__footer").inner_text()
    assert "Peer Roles Handbook" in footer and "edition" in footer and "CC BY-NC-SA 4.0" in footer


def test_the_embedded_checklist_keeps_its_answers(tab, intranet):
    tab.goto(intranet)
    checklist = frame(tab, "onboard-onboarding-checklist")
    checklist.locator(".hb-check__input").first.check()
    tab.reload()
    checklist = frame(tab, "onboard-onboarding-checklist")
    checklist.locator(".hb-toolbar").first.wait_for()
    assert checklist.locator(".hb-check__input").first.is_checked()


def test_links_open_the_full_handbook_in_the_top_window(tab, intranet, site_url):
    tab.goto(intranet)
    values = frame(tab, "foundations-values")
    with tab.expect_navigation():
        values.get_by_role("link", name="Peer values, the full page").click()
    assert tab.url == site_url + "foundations/values/"
    assert tab.locator(".md-header").is_visible()  # the whole site, not the bare section


@pytest.mark.parametrize("name", SECTIONS + ["recruit-interview-sheet"])
def test_embeds_pass_axe(page, site_url, name):
    page.goto(f"{site_url}embed/{name}/")
    page.locator("main h1").wait_for()
    assert_accessible(page)


def test_section_pages_offer_embed_snippets(page, site_url):
    page.goto(site_url + "prepare/readiness/")
    page.get_by_text("Embed this section").click()
    page.locator(".hb-embed-code__copy").first.wait_for()
    snippet = page.get_by_label("A frame that grows to fit the section").input_value()
    assert f'src="{site_url}embed/prepare-readiness/"' in snippet
    assert f'src="{site_url}embed/resize.js"' in snippet


def test_without_javascript_the_embed_box_shows_snippets_but_no_copy_buttons(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "prepare/readiness/")
    page.get_by_text("Embed this section").click()
    assert page.get_by_label("A frame that grows to fit the section").is_visible()
    # Copying needs the script; a button that did nothing would mislead.
    assert page.locator(".hb-embed-code__copy").count() == 2
    assert not page.locator(".hb-embed-code__copy").first.is_visible()
    context.close()


def test_embeds_are_left_out_of_search(built_site):
    documents = search_documents(built_site)
    assert not [doc["location"] for doc in documents if doc["location"].startswith("embed/")]
    assert (built_site / "embed" / "foundations-values" / "index.html").is_file()
