"""Works cited: every work the five sources cite, counted as the sources list them,
with addresses only as the sources print them, and every study the handbook's text
names linked to its entry."""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, dict_nodes, search_documents
from macros.works import cited_works

# The source texts sit beside the project (../shared/seeds), as on CI.
SEED_DIRS = [ROOT.parent / "shared" / "seeds", ROOT.parents[1] / "shared" / "seeds"]


@pytest.fixture(scope="module")
def works(handbook):
    return handbook["bibliography"]


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    """Source id -> the source's text, read through the index in the seeds' README."""
    folder = next((d for d in SEED_DIRS if (d / "README.md").is_file()), None)
    if folder is None:
        pytest.fail("The five source texts are missing: this test reads them from "
                    f"{' or '.join(str(d) for d in SEED_DIRS)} (shared/seeds beside the clone).")
    index = (folder / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([^`]+\.txt)` \| `([a-z-]+)` \|", index, re.M)
    assert len(rows) == 5, "the seeds' README no longer lists five sources"
    return {source: (folder / file).read_text(encoding="utf-8") for file, source in rows}


def test_recorded_counts_equal_the_entries_citing_each_source(handbook, works):
    counts = works["counts"]
    assert sorted(counts) == sorted(handbook.ids("sources"))
    citing = Counter()
    per_list = Counter()
    for work in works.items:
        for source in {c["source"] for c in work["cited_in"]}:
            citing[source] += 1
        for list_name in {(c["source"], c["list"]) for c in work["cited_in"]}:
            per_list[list_name] += 1
    for source, numbers in counts.items():
        assert citing[source] == numbers["works"], source
        lists = {name: n for name, n in numbers.items() if name != "works"}
        assert {name: per_list[(source, name)] for name in lists} == lists, source
    # Every list an entry names has its number recorded.
    assert all(name in counts[source] for source, name in per_list)


def test_every_entry_is_cited_by_one_of_the_five_sources(handbook, works):
    sources = set(handbook.ids("sources"))
    for work in works.items:
        assert work["cited_in"] and {c["source"] for c in work["cited_in"]} <= sources, work["id"]


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


def test_recorded_counts_are_the_lengths_of_the_sources_lists(works, seeds):
    """Where a source's list can be counted mechanically, the recorded number is its
    length; the handbook merges no two of these entries."""
    counts = works["counts"]
    provider, tepou, sgul = seeds["provider-handbook"], seeds["tepou-guide"], seeds["sgul-toolkit"]
    # One reference per paragraph; a paragraph with no year yet runs on to the next line.
    refs = _section(provider, "References*", "*** The references above")
    entries = [line for line in refs.splitlines()[1:] if line.strip()]
    dated = re.compile(r"\((?:n\.d\.|(?:19|20)\d\d[a-z]?)\)|; (?:19|20)\d\d\.")
    continued = sum(1 for a, b in zip(entries, entries[1:])
                    if not dated.search(a) and dated.search(b))
    # The Evidence Base lists Peer Support 101 once and the concerns table lists it again.
    assert len(entries) - continued == counts["provider-handbook"]["references"]
    concerns = _section(provider, "References:\n", "Conclusion")
    assert (len(re.findall(r"^\w.*\(\d{4}\)", concerns, re.M))
            == counts["provider-handbook"]["concerns-references"])
    websites = provider[provider.index("other websites you may want"):]
    assert len(re.findall(r"^- \*\*", websites, re.M)) == counts["provider-handbook"]["websites"]
    tepou_refs = tepou[tepou.rindex("References and useful information"):]
    assert len(re.findall(r"^- ", tepou_refs, re.M)) == counts["tepou-guide"]["references"]
    publications = _section(sgul, "\nPublications\n", "Note: if you are unable")
    assert len(re.findall(r"^- ", publications, re.M)) == counts["sgul-toolkit"]["publications"]


def test_every_numbered_reference_of_the_supervising_toolkit_is_accounted_for(works, seeds):
    """Its 36 notes repeat works, and a note may cite several: each work in each note
    is on exactly one works-cited entry or among the names left out."""
    toolkit = seeds["supervising-toolkit"]
    supers = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
    listed = []
    for number, note in re.findall(r"^- ([⁰¹²³⁴⁵⁶⁷⁸⁹]+) (.*)$",
                                   toolkit[toolkit.rindex("\nReferences\n"):], re.M):
        dated = len(re.findall(r"\((?:19|20)\d\d[^)]*\)", note))
        listed += [int(number.translate(supers))] * max(dated, 1)
    places = [c["where"] for w in works.items for c in w["cited_in"]
              if c["source"] == "supervising-toolkit" and c["list"] == "references"]
    places += [n["where"] for n in works["not_listed"]
               if n["source"] == "supervising-toolkit" and n["where"].startswith("References")]
    placed = []
    for where in places:
        notes = re.match(r"References, notes? ([\d, and]+)", where).group(1)
        placed += [int(n) for n in re.findall(r"\d+", notes)]
    assert sorted(placed) == sorted(listed)
    assert set(listed) == set(range(1, 37))


def test_every_address_is_printed_in_a_source(works, seeds):
    texts = "\n".join(seeds.values())
    for work in works.items:
        for link in work.get("links", []):
            assert link in texts, f"{work['id']}: {link} is in no source text"


# A study named in running text: "Davidson, 2012", "Chinman et al., 2006",
# "Campbell, J. et al., 2004", "Landers & Zhou, 2011"; and "Batson & Yoder" alone.
NAME = r"[A-Z][A-Za-z'’-]+"
AUTHOR_YEAR = re.compile(rf"({NAME}(?: {NAME})*(?: (?:&|and) {NAME}(?: {NAME})*)?)(?:,? [A-Z]\.)?"
                         rf"( et al\.?)?,? \(?((?:19|20)\d\d)\b")
TWO_NAMES = re.compile(rf"\b({NAME}) & ({NAME})\b")
NOT_AUTHORS = {"In", "Since", "By", "From", "Until", "Before", "After", "During", "For", "And"}


def _texts(entry) -> str:
    """The prose of an item: every text field, its views' text, but not its citations."""
    skip = {"id", "sources", "works", "where", "source", "as", "reviewed", "review_by"}
    out = []

    def walk(value, key=None):
        if key in skip:
            return
        if isinstance(value, str):
            out.append(" ".join(value.split()))
        elif isinstance(value, list):
            for child in value:
                walk(child)
        elif isinstance(value, dict):
            for k, child in value.items():
                walk(child, k)
    walk(entry)
    return "\n".join(out)


def _mentions(text: str) -> list[tuple[str, str, str]]:
    """(mention as written, first surname, year or '')."""
    found = []
    for m in AUTHOR_YEAR.finditer(text):
        name = m.group(1)
        if name.split()[0] in NOT_AUTHORS or name.endswith(" Act"):
            continue
        found.append((m.group(0), name.split()[0], m.group(3)))
    for m in TWO_NAMES.finditer(text):
        if not any(m.group(0) in mention for mention, _, _ in found):
            found.append((m.group(0), m.group(1), ""))
    return found


def _names(work, surname: str, year: str) -> bool:
    text = " ".join(work.get(k, "") for k in ("authors", "short", "title"))
    return surname in text and work.get("year", "").startswith(year)


@pytest.mark.parametrize("collection", ["evidence", "guidance", "misconceptions", "competencies"])
def test_every_study_named_in_the_text_links_to_its_works_cited_entry(handbook, collection):
    checked = 0
    for name, value in handbook[collection].data.items():
        for entry in value if isinstance(value, list) else []:
            if not isinstance(entry, dict):
                continue
            linked = [handbook.lookup("bibliography", w) for w in cited_works(entry)]
            for mention, surname, year in _mentions(_texts(entry)):
                checked += 1
                plain = mention.strip("() ")
                assert any(_names(w, surname, year) or plain in w.get("cited_as", [])
                           for w in linked), \
                    f"{collection} '{entry['id']}': '{mention}' links to no works-cited entry"
    if collection == "evidence":
        assert checked >= 50


def test_the_mention_pattern_finds_studies_and_not_other_years():
    found = _mentions("(Davidson, 2012; Campbell, J. et al., 2004; Hendry, Hill & Rosenthal, "
                      "2014). In 2012 the Human Rights Act 1993 applied. Batson & Yoder agree.")
    assert [(s, y) for _, s, y in found] == [("Davidson", "2012"), ("Campbell", "2004"),
                                            ("Hill", "2014"), ("Batson", "")]


def test_works_are_named_only_where_the_works_cited_page_finds_them(handbook):
    """On an item of a collection's top-level list, or on one of that item's views."""
    holders = {id(node) for c in handbook.collections.values() for node in dict_nodes(c.data)
               if isinstance(node, dict) and isinstance(node.get("works"), list)}
    found = set()
    for c in handbook.collections.values():
        for value in c.data.values():
            for entry in value if isinstance(value, list) else []:
                if isinstance(entry, dict):
                    found |= {id(n) for n in [entry, *(entry.get("views") or [])] if "works" in n}
    assert holders == found and len(found) >= 40


# The built page


@pytest.fixture(scope="module")
def works_page(built_site):
    path = built_site / "reference" / "works-cited" / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_works_cited_page_shows_each_entry_with_its_anchor_and_the_items_using_it(
        built_site, works_page, works, handbook):
    for work in works.items:
        entry = works_page.find(id=work["id"])
        assert entry is not None and entry.name == "li", work["id"]
        text = " ".join(entry.get_text(" ").split())
        assert work["short"] in text or work.get("authors", "") in text
        if work.get("title"):
            assert entry.find("cite").get_text() == work["title"]
    # Each item that names a work is linked from the work's entry, and the link lands on it.
    linked = 0
    for collection in handbook.collections.values():
        for value in collection.data.values():
            for item in value if isinstance(value, list) else []:
                for work_id in cited_works(item) if isinstance(item, dict) else []:
                    links = works_page.find(id=work_id).select(".hb-work__relying a")
                    targets = [urljoin("http://site/reference/works-cited/", a["href"])
                               for a in links]
                    target = next(t for t in targets if t.endswith("#" + item["id"]))
                    page = target.removeprefix("http://site/").split("#")[0]
                    html = (built_site / page / "index.html").read_text(encoding="utf-8")
                    assert f'id="{item["id"]}"' in html, target
                    linked += 1
    assert linked >= 50


def test_findings_link_each_work_they_name_to_its_entry(built_site, works_page):
    evidence = BeautifulSoup((built_site / "foundations" / "evidence" / "index.html")
                             .read_text(encoding="utf-8"), "html.parser")
    finding = evidence.find(id="supervision-burnout-and-satisfaction")
    line = finding.find(class_="hb-research")
    assert line.get_text(" ", strip=True).startswith("Works cited: Acker (1999) ; Bogo (2009)")
    for link in line.find_all("a"):
        target = urljoin("http://site/foundations/evidence/", link["href"])
        assert target.startswith("http://site/reference/works-cited/#")
        assert works_page.find(id=target.split("#")[1])


def test_the_works_cited_page_is_in_navigation_and_search(built_site, works_page):
    active = works_page.select("nav .md-nav__link--active")
    assert any(link.get_text(strip=True) == "Works cited" for link in active)
    documents = search_documents(built_site)
    research = next(doc for doc in documents
                    if doc["location"] == "reference/works-cited/#works-research")
    assert "Managerial coaching: A concept analysis" in research["text"]
