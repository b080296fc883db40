"""Where each source comes from: every citation and every note comparing sources names
the source's country (or "International") in words beside it, on screen and on paper;
the Sources page marks the publication details the handbook's editors supplied."""
import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, assert_accessible, dict_nodes, make_data_dir
from macros.handbook import load_handbook
from macros.problems import DataError
from test_print import printed

SCOPES = {"tepou-guide": "New Zealand", "provider-handbook": "United States",
          "supervising-toolkit": "Canada", "sgul-toolkit": "United Kingdom",
          "who-qualityrights": "International"}


@pytest.fixture(scope="module")
def book():
    return load_handbook(ROOT / "data", root=ROOT)


@pytest.fixture(scope="module")
def sources(book):
    return {s["id"]: s for s in book["sources"].items}


@pytest.fixture(scope="module")
def pages(built_site):
    """URL -> parsed page, for every page a reader reaches (embeds have their own tests)."""
    parsed = {}
    for path in sorted(built_site.rglob("index.html")):
        url = path.parent.relative_to(built_site).as_posix()
        if not url.startswith(("search", "assets", "embed")):
            parsed["" if url == "." else url + "/"] = BeautifulSoup(
                path.read_text(encoding="utf-8"), "html.parser")
    return parsed


def test_each_primary_source_records_where_it_comes_from(sources):
    primary = {i: s["scope"] for i, s in sources.items() if s["kind"] == "primary"}
    assert primary == SCOPES


def source_links(page):
    """Each link that names a source in a citation or in a note comparing sources."""
    yield from page.select(".hb-sources a")
    for item in page.select(".hb-views li, .hb-agree li"):
        yield item.find("a")


def test_every_citation_and_note_shows_the_sources_country(pages, sources):
    checked = 0
    for url, page in pages.items():
        for link in source_links(page):
            source_id = link["href"].rsplit("#", 1)[1]
            label = link.find_next_sibling()
            between = link.next_sibling
            assert label is not None and "hb-scope" in label.get("class", []), \
                f"{url}: {link.get_text()} has no country label"
            assert between is label or not between.strip(), f"{url}: text between name and label"
            assert label.get_text() == f"({sources[source_id]['scope']})", (url, label)
            checked += 1
    assert checked > 1000


def test_a_citation_reads_as_the_name_then_the_country(pages):
    values = pages["foundations/values/"].find(attrs={"data-item": "hope"})
    text = " ".join(values.select_one(".hb-sources").get_text().split())
    assert "Supervising Peer Workers toolkit (Canada), What is Peer Support?" in text
    assert "Te Pou guide (New Zealand), Peer values, p. 5" in text
    note = " ".join(values.select_one(".hb-views").get_text().split())
    assert "WHO QualityRights module (International) (6. From ethics to practice" in note


def test_sources_page_says_where_each_comes_from_and_what_the_editors_added(pages):
    page = pages["reference/sources/"]
    entries = {e["data-item"]: " ".join(e.get_text(" ").split())
               for e in page.select(".hb-source")}
    for source_id, scope in SCOPES.items():
        assert f"Where it comes from: {scope}" in entries[source_id]
    tepou = entries["tepou-guide"]
    assert "[Auckland, New Zealand]" in tepou and "[c. 2014]" in tepou
    assert ("Added by the handbook's editors: the author, publisher, place and year in "
            "square brackets, which the document does not state.") in tepou
    provider = entries["provider-handbook"]
    assert "[Massachusetts, USA]" in provider and "[c. 2015]" in provider
    assert "Added by the handbook's editors: the publisher, place and year" in provider
    # Details a source states itself are not bracketed.
    assert "Kitchener, Ontario, Canada." in entries["supervising-toolkit"]
    for source_id in ("supervising-toolkit", "sgul-toolkit", "who-qualityrights"):
        assert "[" not in entries[source_id].split("Where it comes from")[0]
        assert "Added by the handbook's editors" not in entries[source_id]


def test_editors_additions_must_exist_and_be_explained(tmp_path):
    """A listed addition without its detail, or without the editors' note, is refused."""
    data = make_data_dir(tmp_path)
    path = data / "sources.yml"
    path.write_text(path.read_text().replace('    scope: Canada\n',
                                             '    scope: Canada\n    added_by_editors: [place]\n'))
    with pytest.raises(DataError) as caught:
        load_handbook(data, root=tmp_path)
    messages = [(p.line, p.field, p.message) for p in caught.value.problems]
    assert (5, "items[0] (item 'alpha')", "missing required field 'place'") in messages
    assert (5, "items[0] (item 'alpha')", "missing required field 'editors_note'") in messages


@pytest.mark.browser
def test_country_labels_print_and_notes_print_without_addresses(page, site_url):
    text = re.sub(r"\s+", " ", " ".join(printed(page, site_url + "foundations/values/")))
    assert "Supervising Peer Workers toolkit (Canada)" in text
    assert "Provider's Handbook (United States)" in text
    assert "Sources agree" in text and "Sources differ" in text
    assert "reference/sources/#" not in text


@pytest.mark.browser
def test_labelled_page_is_accessible(page, site_url):
    page.goto(site_url + "foundations/values/")
    page.locator(".hb-scope").first.wait_for()
    assert_accessible(page)


def flat(value) -> str:
    """All the text of an entry, on one line."""
    if isinstance(value, dict):
        return " ".join(flat(v) for k, v in value.items() if k not in ("sources", "where", "as"))
    if isinstance(value, list):
        return " ".join(flat(v) for v in value)
    return " ".join(str(value).split())


# Advice that rests on one country's law, benefits or pay, and the words that say so.
ONE_COUNTRY = [
    ("guidance", "pay-setting-rates", "pay for peer roles in the USA"),
    ("guidance", "pay-setting-rates", "Among US organisations, the handbook sees three patterns"),
    ("guidance", "policy-hr-questions", "psychiatric diagnoses (in the USA, the Americans with "
                                     "Disabilities Act)"),
    ("guidance", "policy-same-standards", "In the USA, many are juggling Social Security"),
    ("misconceptions", "benefits-prevent-full-time", "In the USA, that means Social Security"),
    ("job_descriptions", "high-school-diploma", "Not every US setting asks for this"),
    ("guidance", "not-an-informant", "As health workers under New Zealand law"),
    ("values", "self-determination", "In New Zealand, peer workers are also health workers"),
    ("peer_practices", "risk-sharing", "Under New Zealand law, peer support workers"),
    ("ethics", "honest-and-direct", "In New Zealand, peer workers, as health workers"),
]


@pytest.mark.parametrize("collection,item_id,wording", ONE_COUNTRY)
def test_advice_from_one_countrys_law_or_pay_names_the_country(book, collection, item_id, wording):
    entries = [e for e in dict_nodes(book[collection].data) if e.get("id") == item_id]
    assert len(entries) == 1, f"{collection}: no single entry '{item_id}'"
    assert wording in flat(entries[0])
