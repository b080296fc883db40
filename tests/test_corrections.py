"""Facts corrected after checking items against the source documents: each test holds
one corrected fact and the precise citation for it."""
import pytest
from bs4 import BeautifulSoup
from markdown import markdown

from conftest import ROOT, make_data_dir
from macros.handbook import load_handbook
from macros.problems import DataError
from macros.render import Renderer


@pytest.fixture(scope="module")
def book():
    return load_handbook(ROOT / "data", root=ROOT)


def words(text: str) -> str:
    return " ".join(text.split())


def item(book, collection, item_id):
    return next(i for i in book[collection].items if i["id"] == item_id)


def position(entry, source, key="views"):
    """The one position a source takes in an entry's note."""
    found = [v for v in entry[key] if v["source"] == source]
    assert len(found) == 1, found
    return found[0]


def cited(entry, source):
    return "; ".join(c["where"] for c in entry["sources"] if c["source"] == source)


def test_no_competency_was_common_to_all_us_trainings(book):
    view = position(item(book, "peer_practices", "peer-training-programmes"), "provider-handbook")
    text = words(view["view"])
    assert "almost no" not in text
    assert "170 competencies. Not one was common to all of them" in text
    assert "only one appeared in 10 of the 11" in text
    assert "Peer Support Competencies, citing Legere and Nemec, 2011" in view["where"]


def test_ontario_supervision_figure_is_given(book):
    entry = item(book, "differences", "peer-supervisors")
    view = position(entry, "supervising-toolkit")
    text = words(view["view"])
    assert "most are not" not in text
    assert "59% of paid peer workers had a supervisor from a non-peer organisation" in text
    assert "Why Effective Supervision Matters, p. 4" in view["where"]
    assert "Why Effective Supervision Matters, p. 4" in cited(entry, "supervising-toolkit")


def test_power_imbalance_reason_cites_the_job_description_section(book):
    entry = item(book, "differences", "note-taking")
    view = position(entry, "provider-handbook")
    assert "power imbalance" in view["view"]
    assert "Developing a Job Description, pp. 44-52" in view["where"]
    assert "Developing a Job Description, pp. 44-52" in cited(entry, "provider-handbook")


def test_experienced_peer_supervision_cites_stage_2(book):
    entry = item(book, "differences", "peer-supervisors")
    view = position(entry, "provider-handbook")
    assert "more experienced peer worker" in words(view["view"])
    for where in (view["where"], cited(entry, "provider-handbook")):
        assert "Stage 2 of Implementation: Policy Review and Readiness, pp. 25-28" in where
        assert "Supervision, p. 63" in where


def test_most_important_task_test_cites_page_28(book):
    instructions = book["role_clarity"].data["instructions"]
    view = position(instructions, "supervising-toolkit")
    assert "most important test" in words(view["view"])
    assert "Guidelines for Defining Tasks of Peer Worker, p. 28" in view["where"]
    assert "Guidelines for Defining Tasks of Peer Worker, p. 28" in \
        words(cited(instructions, "supervising-toolkit"))


def test_spotting_agency_policies_cites_the_evidence_base(book):
    entry = item(book, "value_conflicts", "harm-reduction-supplies")
    view = position(entry, "provider-handbook")
    assert "trained to spot agency policies" in words(view["view"])
    assert "The Evidence Base, pp. 14-21" in words(view["where"])
    assert "A Brief History" not in view["where"]
    assert "The Evidence Base, pp. 14-21" in words(cited(entry, "provider-handbook"))


def test_team_discussion_helps_ease_the_conflict_not_the_best_way(book):
    view = position(item(book, "value_conflicts", "cto-medication-monitoring"),
                    "supervising-toolkit")
    text = words(view["view"])
    assert "best way" not in text
    assert "talking the conflict through openly as a team will help ease it" in text
    assert "cannot be fully removed" in text


def test_drift_signs_say_what_each_source_describes(book):
    section = item(book, "guidance", "drift-signs")
    text = words(" ".join(section["text"]))
    points = [words(p) for p in section["points"]]
    assert text.startswith("WHO defines peer drift as a shift towards a more clinical approach.")
    # Role strain and staff misusing the role are named as what they are, not as drift.
    assert "Two related problems are not drift" in text
    assert 'role strain can push a peer worker the other way, to become rigid, cut off and ' \
        '"against the system"' in text
    assert "describe staff misusing the role" in text
    assert not any("go-between" in p or "against the system" in p for p in points)
    assert points[0] == "Telling people what they should do, instead of listening (WHO)."


def test_unstated_publication_details_are_marked_as_the_editors(book):
    sources = {s["id"]: s for s in book["sources"].items}
    assert sources["tepou-guide"]["added_by_editors"] == ["author", "publisher", "place", "year"]
    assert sources["provider-handbook"]["added_by_editors"] == ["publisher", "place", "year"]
    # The Supervising Peer Workers toolkit's own recommended citation names its place.
    assert sources["supervising-toolkit"]["place"] == "Kitchener, Ontario, Canada"
    for source_id in ("supervising-toolkit", "sgul-toolkit", "who-qualityrights"):
        assert "added_by_editors" not in sources[source_id]


@pytest.mark.parametrize("collection,item_id", [("peer_roles", "practical-life-support"),
                                                ("values", "recovery")])
def test_complementary_positions_are_an_agreement_not_a_difference(book, collection, item_id):
    entry = item(book, collection, item_id)
    assert "views" not in entry
    assert len({p["source"] for p in entry["agreement"]["positions"]}) >= 2


def test_shared_finding_is_cited_where_the_provider_handbook_quotes_it(book):
    entry = item(book, "values", "recovery")
    summary = words(entry["agreement"]["summary"])
    assert "WHO and the Provider's Handbook quote the same evaluation finding" in summary
    where = position(entry["agreement"], "provider-handbook", "positions")
    assert "Early Implementation: Building the Foundation, pp. 22-24" in where["where"]


def test_former_disagreements_render_as_sources_agree(built_site):
    for url, item_id in (("foundations/values/", "recovery"),
                         ("foundations/roles/", "practical-life-support")):
        page = BeautifulSoup((built_site / url / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
        block = page.find(attrs={"data-item": item_id, "data-collection": True})
        assert block.select(".hb-views") == [], f"{item_id} still says 'Sources differ'"
        note = block.select_one(".hb-agree")
        assert note.select_one(".hb-agree__title").get_text() == "Sources agree"
        assert len(note.select("li")) >= 2


def agreeing(data_dir, second_source: str) -> None:
    """Turn the fixture's "Sources differ" note on hope into a "Sources agree" note."""
    path = data_dir / "values.yml"
    text = path.read_text().replace(
        "    views:\n", "    agreement:\n      summary: Both call hope central.\n      positions:\n")
    text = text.replace("      - source: alpha\n        where: Values, p. 6\n        view:",
                        "        - source: alpha\n          where: Values, p. 6\n          view:")
    text = text.replace("      - source: beta\n        where: Section 3\n        view:",
                        f"        - source: {second_source}\n          where: Section 3\n"
                        "          view:")
    text = text.replace("        works: [epsilon-group]\n", "          works: [epsilon-group]\n")
    path.write_text(text)


def test_a_sources_agree_note_renders_each_position_with_its_country(tmp_path):
    data = make_data_dir(tmp_path)
    agreeing(data, "beta")
    renderer = Renderer(load_handbook(data, root=tmp_path))
    html = markdown(renderer.render("values.html", "values", "foundations/values/"),
                    extensions=["md_in_html"])
    note = BeautifulSoup(html, "html.parser").find(attrs={"data-item": "hope"})
    assert note.select(".hb-views") == []
    agree = note.select_one(".hb-agree")
    assert words(agree.get_text(" ")).startswith("Sources agree Both call hope central.")
    assert [words(li.get_text(" ")) for li in agree.select("li")] == [
        "Alpha (Canada) (Values, p. 6): Hope is a core value.",
        "Beta (United Kingdom) (Section 3): Hope is named only in passing."]


def test_a_sources_agree_note_needs_two_sources(tmp_path):
    data = make_data_dir(tmp_path)
    agreeing(data, "alpha")
    with pytest.raises(DataError) as caught:
        load_handbook(data, root=tmp_path)
    assert ("data/values.yml:24: items[1].agreement.positions (item 'hope'): a 'Sources agree' "
            "note needs the views of at least two different sources") in str(caught.value)
