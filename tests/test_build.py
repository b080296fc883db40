"""The real handbook, built with mkdocs --strict: every item reaches its page, anchored and searchable."""
import json
import re

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, make_data_dir, run_mkdocs
from macros.handbook import load_handbook

# collection -> the page that renders it
PAGES = {
    "values": "foundations/values/index.html",
    "misconceptions": "foundations/misconceptions/index.html",
    "competencies": "foundations/competencies/index.html",
    "interview_questions": "foundations/interview-questions/index.html",
    "ethics": "foundations/ethics/index.html",
    "sources": "reference/sources/index.html",
}


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT / "data", root=ROOT)


def soup(site, page):
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def all_ids(value):
    if isinstance(value, dict):
        if "id" in value:
            yield value["id"]
        for child in value.values():
            yield from all_ids(child)
    elif isinstance(value, list):
        for child in value:
            yield from all_ids(child)


@pytest.mark.parametrize("collection", sorted(PAGES))
def test_every_item_is_rendered_once_with_its_anchor(built_site, handbook, collection):
    page = soup(built_site, PAGES[collection])
    data = handbook[collection]
    rendered = [el["data-item"] for el in page.select("article [data-item]")]
    assert rendered == [item["id"] for item in data.items]
    for item_id in all_ids(data.data):
        assert len(page.find_all(id=item_id)) == 1, f"anchor #{item_id} missing or repeated"


@pytest.mark.parametrize("collection", sorted(PAGES))
def test_each_block_names_the_file_to_edit(built_site, collection):
    html = (built_site / PAGES[collection]).read_text(encoding="utf-8")
    assert f"<!-- Rendered from data/{collection}.yml: edit that file" in html


def test_citations_link_to_bibliography_entries(built_site, handbook):
    sources = soup(built_site, PAGES["sources"])
    for collection, page in PAGES.items():
        for link in soup(built_site, page).select(".hb-sources a"):
            href = link["href"]
            assert re.fullmatch(r"(\.\./)*(reference/sources/|\./)#[a-z0-9-]+", href), href
            assert sources.find(id=href.split("#")[1]), f"{page}: {href} has no target"


def test_search_index_holds_text_rendered_from_data(built_site, handbook):
    index = json.loads((built_site / "search/search_index.json").read_text())
    text = " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"])
    for value in handbook["values"].items:
        assert value["name"] in text
    for question in handbook["interview_questions"].items:
        assert question["question"].split()[0] in text


def test_searching_boundaries_finds_the_misconception_and_ethics_guidance(built_site, handbook):
    index = json.loads((built_site / "search/search_index.json").read_text())
    hits = {doc["location"] for doc in index["docs"] if "boundaries" in doc["text"].lower()
            or "boundaries" in doc["title"].lower()}
    misconceptions = {f"foundations/misconceptions/#{m['id']}" for m in handbook["misconceptions"].items
                      if "boundaries" in m["claim"].lower()}
    ethics = {f"foundations/ethics/#{e['id']}" for e in handbook["ethics"].items
              if "boundaries" in " ".join(e["guidance"]).lower()}
    assert misconceptions and misconceptions <= hits
    assert ethics and ethics <= hits


def test_home_page_says_what_the_handbook_is_and_for_whom(built_site):
    home = soup(built_site, "index.html").article.get_text()
    for words in ("peer workers", "Who it is for", "How to use it", "HR staff", "Supervisors"):
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
