"""Each renderer on the small fixture set: what a reader of the page would see."""
import pytest
from bs4 import BeautifulSoup
from markdown import markdown

from conftest import make_data_dir
from macros.handbook import load_handbook
from macros.placement import Placements
from macros.render import Renderer, relative_url
from macros.works import WorksCited


@pytest.fixture
def renderer(tmp_path):
    return Renderer(load_handbook(make_data_dir(tmp_path), root=tmp_path))


def page(renderer, template, collection, url="foundations/values/"):
    """Render a block the way MkDocs would: the macro's Markdown turned into HTML."""
    primary = [s for s in renderer.handbook["sources"].items if s["kind"] == "primary"]
    text = renderer.render(template, collection, url, primary=primary)
    html = markdown(text, extensions=["attr_list", "toc", "md_in_html"])
    return text, BeautifulSoup(html, "html.parser")


def test_relative_urls_work_from_any_page():
    assert relative_url("foundations/values/", "reference/sources/", "alpha") == \
        "../../reference/sources/#alpha"
    assert relative_url("", "reference/sources/", "alpha") == "reference/sources/#alpha"
    assert relative_url("reference/sources/", "reference/sources/", "alpha") == "./#alpha"


def test_values_have_anchored_headings_text_and_citations(renderer):
    text, soup = page(renderer, "values.html", "values")
    assert text.startswith("<!-- Rendered from data/values.yml")
    heading = soup.find(id="mutuality")
    assert heading.name == "h2" and heading.get_text() == "Mutuality"
    block = soup.find(attrs={"data-item": "mutuality"})
    # Inline Markdown renders; special characters are escaped, not interpreted.
    assert block.find("em").get_text() == "learn"
    assert "learn from each other & share power" in block.get_text()
    assert block.find("li").get_text() == "Decisions are made together."
    cite = block.find(class_="hb-sources")
    assert cite.find("a")["href"] == "../../reference/sources/#alpha"
    assert "Values, p. 5 (as “Mutuality and equality”)" in cite.get_text()


def test_differing_views_are_shown_with_their_source(renderer):
    _, soup = page(renderer, "values.html", "values")
    views = soup.find(attrs={"data-item": "hope"}).find(class_="hb-views")
    assert "Sources differ" in views.get_text()
    assert [a.get_text() for a in views.find_all("a")] == ["Alpha", "Beta"]
    assert "Hope is named only in passing." in views.get_text()


def test_crosswalk_shows_each_sources_name_for_a_value(renderer):
    _, soup = page(renderer, "values_crosswalk.html", "values")
    rows = {tr.th.get_text(): [td.get_text() for td in tr.find_all("td")]
            for tr in soup.tbody.find_all("tr")}
    # Beta is a source too, but names neither value.
    assert rows == {"Mutuality": ["Mutuality and equality", "–"], "Hope": ["(cited)", "–"]}


def test_misconceptions_link_related_values(renderer):
    _, soup = page(renderer, "misconceptions.html", "misconceptions", "foundations/misconceptions/")
    assert soup.find(id="no-boundaries").get_text() == "Peer workers have no boundaries."
    related = soup.find(class_="hb-related").find("a")
    assert (related.get_text(), related["href"]) == ("Mutuality", "../values/#mutuality")


def test_competencies_keep_framework_levels_and_lists(renderer):
    _, soup = page(renderer, "competencies.html", "competencies", "foundations/competencies/")
    assert soup.find(id="alpha-framework").name == "h2"
    assert soup.find(id="alpha-level-essential").get_text() == "Essential"
    item = soup.find(attrs={"data-item": "provider-peer-support"})
    assert [p.get_text() for p in item.find_all(class_="hb-label")] == ["Knowledge", "Skills"]
    assert item.find(class_="hb-tag").get_text() == "Core"


def test_question_bank_groups_questions_with_guidance(renderer):
    _, soup = page(renderer, "interview_questions.html", "interview_questions",
                   "foundations/interview-questions/")
    question = soup.find(id="sharing-your-story")
    assert question.name == "section"
    assert question.h3.get_text() == "Question When would you share your own story?"
    labels = [p.get_text() for p in question.find_all(class_="hb-label")]
    assert labels == ["Listen for", "Warning signs"]
    probes = [a.get_text() for a in question.find(class_="hb-related").find_all("a")]
    assert probes == ["Mutuality", "Peer support"]
    scenario = soup.find(id="bills-scenario")
    assert scenario.find(class_="hb-tag").get_text() == "Scenario"
    assert scenario.find(class_="hb-warning") is None


def test_boundary_note_states_what_never_to_ask(renderer):
    _, soup = page(renderer, "interview_boundary.html", "interview_questions")
    note = soup.find(role="note")
    assert "never about diagnosis" in note.get_text()


def test_ethics_objectives_and_principles(renderer):
    _, soup = page(renderer, "ethics_objectives.html", "ethics", "foundations/ethics/")
    assert soup.find(id="objective-rights").name == "li"
    _, soup = page(renderer, "ethics.html", "ethics", "foundations/ethics/")
    assert soup.find(id="voluntary").get_text() == "Voluntary"
    assert "Ask before offering support." in soup.find(attrs={"data-item": "voluntary"}).get_text()


def test_bibliography_lists_the_sources_and_points_to_the_works_they_cite(renderer):
    _, soup = page(renderer, "sources.html", "sources", "reference/sources/")
    assert [h["id"] for h in soup.find(id="sources-primary").find_all_next("h3")] == ["alpha", "beta"]
    beta = soup.find(attrs={"data-item": "beta"})
    assert "Beta Group (2021). Beta report." in beta.get_text()
    assert soup.find("a", string="Works cited")["href"] == "../works-cited/"


def test_items_link_the_works_they_name(renderer):
    _, soup = page(renderer, "misconceptions.html", "misconceptions", "foundations/misconceptions/")
    line = soup.find(attrs={"data-item": "no-boundaries"}).find(class_="hb-research")
    assert line.get_text() == "Works cited: Gamma & Delta (2019)."
    assert line.find("a")["href"] == "../../reference/works-cited/#gamma-2019"
    # A work named in a "Sources differ" view is linked from its item too.
    _, soup = page(renderer, "values.html", "values")
    line = soup.find(attrs={"data-item": "hope"}).find(class_="hb-research")
    assert line.get_text() == "Works cited: Epsilon Group."
    assert line.find("a")["href"] == "../../reference/works-cited/#epsilon-group"


def works_page(renderer, tmp_path):
    """The Works cited block, with the misconceptions shown on a page of their own."""
    docs = tmp_path / "docs"
    (docs / "foundations").mkdir(parents=True)
    (docs / "foundations" / "misconceptions.md").write_text("# Myths\n\n{{ misconceptions_list() }}\n")
    (docs / "foundations" / "values.md").write_text("# Values\n\n{{ values_list() }}\n")
    (docs / "reference").mkdir()
    (docs / "reference" / "works-cited.md").write_text("# Works cited\n\n{{ works_cited() }}\n")
    cited = WorksCited(renderer.handbook, Placements(docs))
    text = renderer.render("works_cited.html", "bibliography", "reference/works-cited/",
                           works_cited=cited)
    return BeautifulSoup(markdown(text, extensions=["attr_list", "toc", "md_in_html"]), "html.parser")


def test_works_cited_shows_each_work_with_its_anchor_details_and_users(renderer, tmp_path):
    soup = works_page(renderer, tmp_path)
    gamma = soup.find(id="gamma-2019")
    assert gamma.name == "li" and gamma["data-collection"] == "bibliography"
    assert gamma.find_previous("h2")["id"] == "works-research"
    reference = gamma.find(class_="hb-reference").get_text()
    # Details as given, escaped rather than read as markup.
    assert reference == ("Gamma, G. & Delta, D. (2019). Peer support & hope: a trial. "
                         "Journal of Tests, 1(2): 3-4. doi: 10.1000/test")
    # Addresses as printed; one without a scheme still opens over http.
    links = gamma.find(class_="hb-work__links").find_all("a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("https://example.org/gamma", "https://example.org/gamma"),
        ("www.example.org", "http://www.example.org")]
    assert gamma.find(class_="hb-work__note").find("em").get_text() == "two"
    cited = gamma.find(class_="hb-work__cited")
    assert cited.get_text() == "Cited in: Alpha, References, p. 9; Beta, Further reading."
    assert cited.find("a")["href"] == "../sources/#alpha"
    relying = gamma.find(class_="hb-work__relying")
    assert relying.find("a")["href"] == "../../foundations/misconceptions/#no-boundaries"
    assert "Peer workers have no boundaries. (Myths)" in relying.get_text()
    # A work without a title says so; one named in a view lists the view's item.
    epsilon = soup.find(id="epsilon-group")
    assert epsilon.find_previous("h2")["id"] == "works-organisation"
    assert "Epsilon Group (no title given)." in epsilon.get_text()
    assert epsilon.find(class_="hb-work__relying").find("a")["href"] == "../../foundations/values/#hope"
    assert not soup.find(id="works-report")  # no heading for a kind with no works


def test_works_cited_counts_years_and_unlisted_names(renderer, tmp_path):
    soup = works_page(renderer, tmp_path)
    rows = {tr.th.get_text(): [td.get_text() for td in tr.find_all("td")]
            for tr in soup.find(class_="hb-works-counts").tbody.find_all("tr")}
    assert rows == {"Alpha": ["2", "reference list: 1; named only in the text: 1"],
                    "Beta": ["1", "list of websites: 1"]}
    years = soup.find(class_="hb-works-years")
    assert [dt.get_text() for dt in years.find_all("dt")] == ["2019", "Undated"]
    assert years.find("a", string="Gamma & Delta")["href"] == "./#gamma-2019"
    unlisted = soup.find(id="works-not-listed").find_next("ul").get_text()
    assert "Alpha, References, note 9: A private email, not a work." in unlisted


# Every block, rendered from the shipped data on the page that calls it.

import re  # noqa: E402
from types import SimpleNamespace  # noqa: E402

import jinja2  # noqa: E402

from conftest import EDITION, ROOT  # noqa: E402
import macros  # noqa: E402
from macros.abbreviations import abbreviation_extensions  # noqa: E402
from macros.blocks import BLOCKS  # noqa: E402
from macros.placement import Placements  # noqa: E402


@pytest.fixture(scope="module")
def site_macros():
    """define_env run as MkDocs runs it, with a stand-in for the plugin's env."""
    registered = {}
    env = SimpleNamespace(
        conf={"config_file_path": str(ROOT / "mkdocs.yml"), "docs_dir": str(ROOT / "docs"),
              "use_directory_urls": True,
              "extra": {"edition": EDITION},
              "markdown_extensions": []},
        macro=lambda fn, name: registered.__setitem__(name, fn),
        page=SimpleNamespace(url="", file=SimpleNamespace(src_uri="index.md")),
        # The plugin's own Jinja environment, which compiles pages.
        env=jinja2.Environment(),
    )
    macros.define_env(env)
    return env, registered


def calls():
    placements = Placements(ROOT / "docs")
    return sorted((name, subset, url) for (name, subset), url in placements.urls.items()
                  if name in BLOCKS)


def test_every_block_is_used_by_a_page():
    assert {name for name, _, _ in calls()} == set(BLOCKS)


@pytest.mark.parametrize("name,subset,url", calls())
def test_block_renders_from_shipped_data(site_macros, name, subset, url):
    env, registered = site_macros
    env.page = SimpleNamespace(url=url, file=SimpleNamespace(src_uri=url))
    # MkDocs starts each page before its macros run: here, a page of a heading and the block.
    env.markdown = f"# {name}"
    macros.on_pre_page_macros(env)
    text = registered[name](subset) if subset else registered[name]()
    assert text.startswith("<!-- Rendered from data/")
    html = markdown(text, extensions=["attr_list", "toc", "md_in_html"])
    # Live regions and the sheet's fill-in lines start empty on purpose; scripts fill them.
    empty = re.search(r"<(p|li|dd)(?![^>]*(?:role=\"(?:status|alert)\"|data-show=))(\s[^>]*)?>"
                      r"\s*(None|Undefined)?\s*</\1>", html)
    assert not empty, f"an empty or missing value: {empty.group(0)}"
    soup = BeautifulSoup(html, "html.parser")
    collection = BLOCKS[name].collection
    for element in soup.select("[data-item]"):
        assert element["data-collection"] == collection


def test_unknown_subset_is_a_clear_error(site_macros):
    env, registered = site_macros
    env.page = SimpleNamespace(url="prepare/readiness/", file=SimpleNamespace(src_uri="prepare/readiness.md"))
    with pytest.raises(ValueError, match=r"guidance\('histroy'\) on prepare/readiness.md: expected one of .*history"):
        registered["guidance"]("histroy")


def test_glossary_abbreviations_reach_prose_pages(site_macros):
    env, _ = site_macros
    abbr = [ext for ext in env.conf["markdown_extensions"] if hasattr(ext, "abbrs")]
    assert abbr and "WRAP" in abbr[0].getConfigs()["glossary"]


def render_page(env, registered, src_uri: str) -> BeautifulSoup:
    """A page of docs/ as MkDocs makes it: its macro calls replaced by their blocks."""
    text = (ROOT / "docs" / src_uri).read_text(encoding="utf-8").split("---\n", 2)[2]
    env.page = SimpleNamespace(url=src_uri.removesuffix(".md") + "/",
                               file=SimpleNamespace(src_uri=src_uri))
    env.markdown = text
    macros.on_pre_page_macros(env)
    text = re.sub(r'\{\{ (\w+)\((?:"([^"]*)")?\) \}\}',
                  lambda call: registered[call[1]](*filter(None, [call[2]])), text)
    html = markdown(text, extensions=["attr_list", "toc", "md_in_html"])
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("src_uri,anchor,element", [
    # The page's title and the guidance topic; the guidance topic and the checklist.
    ("supervise/role-clarity.md", "role-clarity", "h1"),
    ("prepare/readiness.md", "readiness", "span"),
])
def test_an_id_is_given_once_on_a_page(site_macros, src_uri, anchor, element):
    page = render_page(*site_macros, src_uri)
    assert [tag.name for tag in page.find_all(id=anchor)] == [element]


def test_abbreviations_inside_links_are_no_extra_tab_stop():
    text = markdown("A [WRAP class](wrap/) teaches WRAP.",
                    extensions=abbreviation_extensions({"WRAP": "Wellness Recovery Action Plan"}))
    inside, outside = BeautifulSoup(text, "html.parser").find_all("abbr")
    assert inside.parent.name == "a" and not inside.has_attr("tabindex")
    assert outside["tabindex"] == "0"
