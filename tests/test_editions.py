"""Editions in the built site: every page names its edition and the files it is made
from, with edit links to those files under "Suggest a change"; the change list and its
feed are published."""
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from conftest import ROOT

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def config():
    return load_config(str(ROOT / "mkdocs.yml"))


def page(site, path):
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("path, files", [
    ("prepare/readiness", ["data/guidance.yml", "data/checklists.yml", "docs/prepare/readiness.md"]),
    ("recruit/interviewing", ["data/interview_questions.yml", "data/guidance.yml",
                              "docs/recruit/interviewing.md"]),
    ("foundations/values", ["data/values.yml", "docs/foundations/values.md"]),
    ("start/manager", ["docs/start/manager.md"]),
])
def test_edit_links_open_the_files_a_page_is_made_from(built_site, config, path, files):
    html = page(built_site, path)
    edit_url = config["extra"]["edit_url"]
    assert html.select_one("a[rel=edit]")["href"] == edit_url.format(path=files[0])
    listed = html.select(".hb-suggest__files a")
    assert [a.get_text() for a in listed] == files
    assert [a["href"] for a in listed] == [edit_url.format(path=f) for f in files]
    for file in files:
        assert (ROOT / file).is_file()


def test_every_page_names_its_edition(built_site, config):
    edition = config["extra"]["edition"]
    pages = [p for p in built_site.rglob("index.html") if "assets" not in p.parts]
    assert len(pages) > 60
    for path in pages:
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if html.select_one("article"):
            assert html.select_one(".hb-page-source").get_text(" ", strip=True).startswith(
                f"Edition {edition}."), path


def test_what_changed_page_and_feed_are_published(built_site, config):
    edition = config["extra"]["edition"]
    changes = page(built_site, "reference/changes")
    assert changes.find(id=f"edition-{edition.replace('.', '-')}")
    feed = ET.parse(built_site / "changes.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}id").text.endswith("/changes.xml")
    # Every page tells feed readers where the feed is.
    home = page(built_site, ".")
    assert home.select_one('link[rel=alternate][type="application/atom+xml"]')
