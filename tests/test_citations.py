"""Citations that inform without crowding: one quiet line per item, a source that every
item of a tool shares named once for the tool, every citation on paper, one name per
source, and no sentence that reads as a gap in the handbook."""
import copy
import io
import re

import pytest
from bs4 import BeautifulSoup
from markdown import markdown
from pypdf import PdfReader

from conftest import ROOT
from macros.handbook import load_handbook
from macros.render import Renderer
from test_print import printed

QUIZ_SOURCE = "Provider's Handbook (United States), Stage 3 of Implementation: Developing a Timeline, pp. 29-30"

# Names a source went by before each had one: none may reach a reader.
RETIRED_NAMES = ["SGUL organisational toolkit", "SGUL toolkit", "SGUL research", "SGUL team",
                 "CEPS toolkit", "supervising toolkit", "Supervising toolkit", "WHO module",
                 "provider handbook", "Provider handbook"]

# Sentences that told the reader what the handbook (or a source) leaves out.
GAP_PHRASES = ["no further guidance", "gives no further", "no further detail",
               "no further description", "gives no specific guidance", "does not describe",
               "says nothing more", "offers no further"]


@pytest.fixture(scope="module")
def book():
    return load_handbook(ROOT / "data", root=ROOT)


@pytest.fixture(scope="module")
def pages(built_site):
    """URL -> the text a reader sees, for every page, embeds included."""
    texts = {}
    for path in sorted(built_site.rglob("index.html")):
        url = path.parent.relative_to(built_site).as_posix()
        if url.startswith(("search", "assets")):
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for hidden in soup.select("script, style"):
            hidden.decompose()
        texts[url] = " ".join(soup.get_text(" ").split())
    return texts


def words(element) -> str:
    return " ".join(element.get_text().split())


def quiz(book, url="prepare/timeline/"):
    text = Renderer(book).render("readiness_quiz.html", "readiness_quiz", url)
    return BeautifulSoup(markdown(text, extensions=["attr_list", "md_in_html"]), "html.parser")


def test_the_quiz_names_its_shared_source_once(built_site):
    soup = BeautifulSoup((built_site / "prepare/timeline/index.html").read_text(), "html.parser")
    statements = soup.select("[data-tool=quiz] > li")
    assert len(statements) == 10
    lines = [words(p) for p in soup.select(".hb-sources")]
    assert lines.count(f"Source for all statements below: {QUIZ_SOURCE}.") == 1
    # The shared line stands above the statements, which no longer repeat it.
    shared = soup.find(string=re.compile("Source for all statements below"))
    assert shared.find_parent("p").find_next("ol")["data-tool"] == "quiz"
    assert not any(s.select(".hb-sources, .hb-cite") for s in statements)
    assert sum(QUIZ_SOURCE in line for line in lines) < 10


def test_a_statement_citing_elsewhere_shows_its_own_source(book):
    book = copy.deepcopy(book)
    item = book["readiness_quiz"].data["items"][3]
    item["sources"] = [{"source": "tepou-guide", "where": "Recruitment, p. 10"}]
    soup = quiz(book)
    shared = soup.find(string=re.compile("Source for the statements below, unless one names its own"))
    assert QUIZ_SOURCE in words(shared.find_parent("p"))
    own = soup.find(id=item["id"]).select(".hb-sources")
    assert [words(p) for p in own] == ["Sources: Te Pou guide (New Zealand), Recruitment, p. 10."]
    assert own[0].a["href"] == "../../reference/sources/#tepou-guide"
    others = [li for li in soup.select("[data-tool=quiz] > li") if li["id"] != item["id"]]
    assert not any(li.select(".hb-sources") for li in others)


def test_several_citations_sit_in_a_disclosure_that_names_the_first(built_site):
    soup = BeautifulSoup((built_site / "prepare/leadership/index.html").read_text(), "html.parser")
    disclosure = soup.select_one("details.hb-cite")
    summary = words(disclosure.summary)
    assert re.fullmatch(r"Sources: Provider's Handbook \(United States\), .+ and \d more", summary)
    listed = disclosure.select(".hb-sources a, .hb-research a")
    assert len(listed) == int(summary.rsplit(" ", 2)[1]) + 1
    assert listed[0]["href"].endswith("reference/sources/#provider-handbook")


def pdf_text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.mark.browser
def test_a_printed_guidance_page_keeps_every_citation(page, site_url):
    page.goto(site_url + "prepare/leadership/")
    cited = page.eval_on_selector_all(
        "article .hb-sources", "lines => lines.map(line => line.textContent)")
    assert len(cited) > 5 and page.locator("article details.hb-cite:not([open])").count() > 0
    text = re.sub(r"\s+", "", "".join(printed(page, site_url + "prepare/leadership/")))
    for line in cited:
        assert re.sub(r"\s+", "", line) in text, line


@pytest.mark.browser
def test_citations_print_in_full_without_javascript(browser, site_url):
    """The stylesheet, not a script, opens the disclosures on paper."""
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(site_url + "prepare/leadership/")
        hidden = tab.eval_on_selector_all(
            "article details.hb-cite:not([open]) .hb-sources",
            "lines => lines.map(line => line.textContent)")
        assert hidden
        text = pdf_text(tab.pdf(format="A4"))
    finally:
        context.close()
    for line in hidden:
        assert re.sub(r"\s+", "", line) in text, line


def test_no_page_reads_as_a_gap_in_the_handbook(pages):
    found = [(url, phrase) for url, text in pages.items() for phrase in GAP_PHRASES
             if phrase in text]
    assert found == []


def test_each_source_goes_by_one_name(pages, built_site, book):
    found = [(url, name) for url, text in pages.items() for name in RETIRED_NAMES if name in text]
    assert found == []
    shorts = {s["id"]: s["short"] for s in book["sources"].items}
    assert shorts["sgul-toolkit"] == "St George's toolkit"
    assert shorts["supervising-toolkit"] == "Supervising Peer Workers toolkit"
    # Citations link each source by that name, and running text uses the same words.
    running = ""
    for path in built_site.rglob("index.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select(".hb-sources a[href*='reference/sources/#']"):
            assert words(link) == shorts[link["href"].rsplit("#", 1)[1]], (path, words(link))
        for cited in soup.select("script, style, .hb-sources, .hb-cite, .hb-views, .hb-agree"):
            cited.decompose()
        running += " ".join(soup.get_text(" ").split())
    for name in shorts.values():
        assert name in running, name
