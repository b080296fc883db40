"""No page asks the reader's browser to contact any host but the site itself, as built.
(tests/test_browser.py opens every page and checks the same of what it does.)"""
import re

from bs4 import BeautifulSoup

RESOURCE_ATTRS = {
    "script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
    "video": "src", "embed": "src", "object": "data", "track": "src",
}
FOREIGN = re.compile(r"^\s*(https?:)?//", re.I)
CSS_URL = re.compile(r"""url\(\s*['"]?((?:https?:)?//[^'")]+)""", re.I)


def test_pages_load_nothing_from_other_hosts(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in RESOURCE_ATTRS.items():
            for element in soup.find_all(tag):
                assert not FOREIGN.match(element.get(attr, "")), f"{page}: <{tag} {attr}={element[attr]}>"
        for link in soup.find_all("link"):
            # Only navigation links (alternate, canonical) may point elsewhere; none that load.
            if set(link.get("rel", [])) & {"stylesheet", "icon", "preload", "prefetch", "preconnect",
                                           "dns-prefetch", "manifest", "modulepreload"}:
                assert not FOREIGN.match(link["href"]), f"{page}: {link}"
        for style in soup.find_all("style"):
            assert not CSS_URL.search(style.get_text()), f"{page}: inline style loads a remote URL"


def test_stylesheets_load_no_remote_fonts_or_images(built_site):
    for sheet in built_site.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8")
        assert not CSS_URL.search(text), f"{sheet} loads {CSS_URL.search(text).group(1)}"
        assert "@import" not in text or not re.search(r"@import\s+url\(\s*['\"]?(https?:)?//", text)
