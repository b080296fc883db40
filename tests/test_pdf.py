"""scripts/pdf.py: the whole handbook as one PDF with contents and bookmarks, and one PDF
per printable sheet listed on the Tools page."""
import re
import unicodedata
from urllib.parse import urldefrag

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import run_pdf_script

pytestmark = pytest.mark.browser


def read_html(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text(page) -> str:
    """A PDF page's text on one line, with ligatures such as "ﬁ" spelt out."""
    return " ".join(unicodedata.normalize("NFKC", page.extract_text()).split())


def heading(site, path: str) -> str:
    h1 = read_html(site / path / "index.html").select_one("article h1")
    for permalink in h1.select(".headerlink"):
        permalink.decompose()
    return " ".join(h1.get_text().split())


@pytest.fixture(scope="module")
def site(default_build):
    """The built site the PDFs were printed from."""
    return default_build[0]


@pytest.fixture(scope="module")
def handbook(printed_pdfs):
    return PdfReader(printed_pdfs[0] / "handbook.pdf")


@pytest.fixture(scope="module")
def home(site):
    return read_html(site / "index.html")


@pytest.fixture(scope="module")
def nav_titles(home):
    return [" ".join(a.get_text().split())
            for a in home.select("nav.md-nav--primary a.md-nav__link[href]")
            if not a["href"].startswith("#")]


def bookmarks(reader, items=None, depth=0):
    """(title, depth, 0-based page) of every bookmark, in order."""
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            yield from bookmarks(reader, item, depth + 1)
        else:
            yield item.title, depth, reader.get_destination_page_number(item)


def test_handbook_has_a_bookmark_for_every_page_in_navigation_order(handbook, home, nav_titles):
    marks = list(bookmarks(handbook))
    titles = [title for title, _, _ in marks]
    # A section without a page of its own (Reference) has a bookmark holding its pages.
    labels = [" ".join(label.get_text().split())
              for label in home.select(".md-nav__item--nested > label.md-nav__link")]
    assert [title for title in titles if title not in labels] == nav_titles
    assert len(titles) == len(nav_titles) + len(labels)
    assert len(handbook.pages) > 3 * len(nav_titles)
    pages = [page for _, _, page in marks]
    assert pages == sorted(pages)
    interviewing = titles.index("Interviewing")
    assert marks[interviewing][1] == 1
    assert [title for title, depth, _ in marks[:interviewing] if depth == 0][-1] == "Recruit"
    edition = home.select_one('meta[name="hb-edition"]')["content"]
    assert handbook.metadata.title == f"Peer Roles Handbook — Edition {edition}"


@pytest.mark.parametrize("title, path", [
    ("Home", ""), ("Recruit", "recruit"), ("Interviewing", "recruit/interviewing"),
    ("Onboarding checklist", "onboard/onboarding-checklist"), ("Glossary", "reference/glossary"),
])
def test_bookmark_opens_the_first_page_of_its_page(handbook, site, title, path):
    page = {t: p for t, _, p in bookmarks(handbook)}[title]
    assert heading(site, path) in text(handbook.pages[page])
    assert "Page 1 of" in text(handbook.pages[page])


def test_contents_give_each_title_its_starting_page(handbook, site, nav_titles):
    marks = list(bookmarks(handbook))
    contents_length = marks[0][2]
    assert contents_length >= 1
    contents = "\n".join(unicodedata.normalize("NFKC", handbook.pages[n].extract_text())
                         for n in range(contents_length))
    number = dict(re.findall(r"^(.+?) (\d+)$", contents, re.MULTILINE))
    assert set(nav_titles) <= set(number)
    start = int(number["Onboarding checklist"]) - 1
    assert heading(site, "onboard/onboarding-checklist") in text(handbook.pages[start])
    assert "Page 1 of" in text(handbook.pages[start])


def test_contents_entries_link_to_their_pages(handbook):
    marks = list(bookmarks(handbook))
    page_of = {page.indirect_reference.idnum: n for n, page in enumerate(handbook.pages)}
    targets = [page_of[link.get_object()["/Dest"][0].idnum]
               for page in handbook.pages[:marks[0][2]] for link in page.get("/Annots", [])]
    assert targets == [page for _, _, page in marks]


def test_every_sheet_on_the_tools_page_has_its_own_pdf(printed_pdfs, site):
    out, summary = printed_pdfs
    links = read_html(site / "tools" / "index.html").select("article table a[href]")
    expected = {urldefrag(a["href"]).url.removeprefix("../").strip("/").replace("/", "-") + ".pdf"
                for a in links}
    sheets = {path.name: PdfReader(path) for path in (out / "sheets").glob("*.pdf")}
    assert set(sheets) == expected
    for name, sheet in sheets.items():
        assert len(sheet.pages) >= 1
        assert f"{name}  {len(sheet.pages)} pages" in summary
    checklist = sheets["onboard-onboarding-checklist.pdf"]
    assert heading(site, "onboard/onboarding-checklist") in text(checklist.pages[0])
    # The interview sheet builder's sheet is the whole bank as a panel copy.
    interview = " ".join(text(page) for page in sheets["recruit-interview-sheet.pdf"].pages)
    bank = read_html(site / "recruit/interview-sheet/index.html").select(".hb-sheet__text")
    assert interview.count("Listen for") == len(bank) > 40
    assert "Interview sheet: panel copy" in interview
    # The job description builder's sheet is a form to fill in, a box per component.
    form = " ".join(text(page) for page in sheets["recruit-job-description-builder.pdf"].pages)
    assert "Job title and post details" in form and "What this role does not include" in form


def test_missing_site_stops_with_a_clear_message(tmp_path):
    result = run_pdf_script("--site", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert result.returncode != 0
    assert "no built site" in result.stderr and "./scripts/build" in result.stderr
    assert not (tmp_path / "out").exists()
