"""The real handbook, built with mkdocs --strict: every item reaches its page, anchored,
cited and searchable; every page can be reached."""
import json
import re
from collections import defaultdict
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, dict_nodes, make_data_dir, run_mkdocs, search_documents


@pytest.fixture(scope="module")
def pages(built_site):
    """URL -> parsed page, for every page of the handbook."""
    parsed = {}
    for path in sorted(built_site.rglob("index.html")):
        url = path.parent.relative_to(built_site).as_posix()
        # Embeds copy pages for other sites; tests/test_embeds.py covers them.
        if url.startswith(("search", "assets", "embed")):
            continue
        parsed["" if url == "." else url + "/"] = BeautifulSoup(path.read_text(encoding="utf-8"),
                                                               "html.parser")
    return parsed


@pytest.fixture(scope="module")
def block_files(pages):
    """URL -> the data files its blocks say they are rendered from ("Rendered from
    data/values.yml"), read once: the page's text is long."""
    return {url: set(re.findall(r"Rendered from (data/[\w-]+\.yml)", str(page)))
            for url, page in pages.items()}


@pytest.fixture(scope="module")
def rendered(pages):
    """collection -> [(item id, page URL)] for every item element in the site."""
    found = defaultdict(list)
    for url, page in pages.items():
        for element in page.select("article [data-item][data-collection]"):
            found[element["data-collection"]].append((element["data-item"], url))
    return found


def test_every_collection_is_shown(handbook, rendered):
    assert sorted(rendered) == sorted(handbook.collections)


@pytest.mark.parametrize("collection", sorted(p.name.removesuffix(".schema.json") for p in
                                              (ROOT / "data" / "schema").glob("*.schema.json")
                                              if p.name != "common.schema.json"))
def test_every_item_is_rendered_once_with_its_anchor(handbook, rendered, pages, block_files, collection):
    data = handbook[collection]
    shown = rendered[collection]
    assert sorted(item_id for item_id, _ in shown) == sorted(item["id"] for item in data.items)
    assert len(shown) == len(data.items)
    for item_id, url in shown:
        assert len(pages[url].find_all(id=item_id)) == 1, f"#{item_id} missing or repeated on {url}"
    # Ids of header entries (groups, frameworks, sections...) are anchors too, on one of
    # the pages that show a block of this collection.
    collection_pages = {url for url, files in block_files.items() if f"data/{collection}.yml" in files}
    header = {k: v for k, v in data.data.items() if k != "items"}
    for entry_id in (node["id"] for node in dict_nodes(header) if "id" in node):
        assert any(pages[url].find(id=entry_id) for url in collection_pages), f"#{entry_id} not shown"


def test_each_block_names_the_file_to_edit(block_files, rendered):
    for collection, shown in rendered.items():
        for url in {url for _, url in shown}:
            assert f"data/{collection}.yml" in block_files[url], (collection, url)


def test_citations_link_to_bibliography_entries(pages):
    sources = pages["reference/sources/"]
    links = 0
    for url, page in pages.items():
        for link in page.select(".hb-sources a"):
            target = urljoin("http://site/" + url, link["href"])
            assert target.startswith("http://site/reference/sources/#"), f"{url}: {link['href']}"
            assert sources.find(id=target.split("#")[1]), f"{url}: {link['href']} has no target"
            links += 1
    assert links > 1000


def test_every_sources_differ_note_compares_two_sources(pages):
    notes = 0
    for url, page in pages.items():
        for note in page.select(".hb-views"):
            assert note.find(class_="hb-views__title").get_text() == "Sources differ"
            cited = {a["href"].split("#")[1] for a in note.select("a[href*='#']")}
            assert len(cited) >= 2, f"{url}: a Sources differ note cites {cited}"
            notes += 1
    assert notes >= 20


def test_required_differences_are_shown(pages):
    text = pages["reference/differences/"].get_text(" ").lower()
    for topic in ("caseload", "files", "notes", "supervis", "use the service", "employ"):
        assert topic in text, topic


def test_every_page_is_reachable_from_navigation_or_tools(pages):
    home = pages[""]
    reachable = {""}
    for link in home.select("nav.md-nav--primary a.md-nav__link[href]"):
        reachable.add(link["href"].split("#")[0].removeprefix("./"))
    for link in pages["tools/"].select("article a[href]"):
        reachable.add(re.sub(r"^(\.\./)+", "", link["href"].split("#")[0]))
    missing = sorted(url for url in pages if url not in reachable and url != "404/")
    assert missing == []


def test_pages_read_search_settings_only_and_the_search_worker_the_documents(built_site):
    """Reading every document on every page kept a phone busy before a reader could use
    the page; the search worker reads them on its own thread (macros/search_split.py)."""
    index = json.loads((built_site / "search/search_index.json").read_text())
    assert index == {"config": index["config"], "docs": []} and index["config"]["lang"] == ["en"]
    assert len(search_documents(built_site)) > 500
    page = (built_site / "foundations/values/index.html").read_text()
    assert '"search": "../../assets/javascripts/workers/handbook-search.js?material=search.' in page


def test_heading_permalinks_are_named_for_screen_readers_not_by_a_hover_title(built_site):
    """A title would have Material set up a tooltip per heading as the page starts, which
    on long pages keeps phones busy (macros/permalinks.py)."""
    page = BeautifulSoup((built_site / "foundations/values/index.html").read_text(), "html.parser")
    links = page.select("a.headerlink")
    assert len(links) > 20
    assert {(link.get("aria-label"), link.get("title")) for link in links} == {
        ("Permanent link to this section", None)}


def test_search_index_holds_text_rendered_from_data(built_site, handbook):
    documents = search_documents(built_site)
    text = " ".join(doc["text"] + " " + doc["title"] for doc in documents)
    for value in handbook["values"].items:
        assert value["name"] in text
    for section in handbook["guidance"].items:
        assert section["title"] in text


def test_search_finds_what_items_say_not_the_lines_citing_their_sources(built_site, handbook):
    """Citation lines name a source on almost every item: kept out of the index (which
    every page loads), a search for a source's name finds its entry, not every item."""
    documents = search_documents(built_site)
    text = " ".join(doc["text"] for doc in documents)
    assert "Sources:" not in text and "Works cited:" not in text and "(as “" not in text
    value = handbook["values"].items[0]
    assert value["name"] in text
    source = handbook["sources"].items[0]
    hits = [doc["location"] for doc in documents if source["short"] in doc["text"] + doc["title"]]
    assert any(location.startswith("reference/sources/") for location in hits)


def test_searching_boundaries_finds_the_misconception_and_ethics_guidance(built_site, handbook):
    documents = search_documents(built_site)
    hits = {doc["location"] for doc in documents if "boundaries" in doc["text"].lower()
            or "boundaries" in doc["title"].lower()}
    misconceptions = {f"foundations/misconceptions/#{m['id']}" for m in handbook["misconceptions"].items
                      if "boundaries" in m["claim"].lower()}
    ethics = {f"foundations/ethics/#{e['id']}" for e in handbook["ethics"].items
              if "boundaries" in " ".join(e["guidance"]).lower()}
    assert misconceptions and misconceptions <= hits
    assert ethics and ethics <= hits


def test_glossary_abbreviations_are_explained_where_they_appear(pages, handbook):
    abbreviations = {g["abbreviation"]: g["term"] for g in handbook["glossary"].items
                     if g.get("abbreviation")}
    explained = set()
    for page in pages.values():
        for abbr in page.select("article abbr[title]"):
            assert abbr.get("tabindex") == "0", "an abbreviation must be reachable by keyboard"
            assert abbr["title"].startswith(abbreviations[abbr.get_text()])
            explained.add(abbr.get_text())
    assert len(explained) >= 3


def test_home_page_says_what_the_handbook_is_and_for_whom(pages):
    home = pages[""].article.get_text()
    for words in ("peer workers", "Find your route", "How to use it", "HR staff", "Supervisors"):
        assert words in home


def test_bad_data_stops_the_build_listing_every_problem(tmp_path):
    data = make_data_dir(tmp_path)
    for case in ("unknown-field", "unknown-reference", "empty-collection"):
        for path in (FIXTURES / "bad" / case).iterdir():
            (data / path.name).write_text(path.read_text())
    site = tmp_path / "site"
    result = run_mkdocs("build", "--strict", "--site-dir", str(site),
                        env={"HANDBOOK_DATA_DIR": str(data)})
    assert result.returncode != 0
    assert "The handbook data has 4 problems:" in result.stderr
    assert "values.yml:7: items[0].meanin (item 'mutuality'): unknown field 'meanin'" in result.stderr
    assert "ethics.yml:13: items: the collection is empty" in result.stderr
    assert ("misconceptions.yml:9: items[0].related_values[0] (item 'no-boundaries'): "
            "'mutualty' is not a known values id") in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists() or not any(site.iterdir()), "a failed build must publish nothing"
