"""The content diff of a pull request, read from a scratch clone of the project with one
commit for each kind of change a reviewer must see: a changed field, an added item, a
retired item, a changed citation, a "Sources differ" note that lost a side, a page made
harder to read and a passage copied from a source. The report names each with its file
and line, and nothing else."""
import re
import subprocess
import sys
from types import SimpleNamespace

import pytest

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "content_diff.py"
COPYCHECK = ROOT.parent / "shared" / "tools" / "copycheck.py"
SEEDS = ROOT.parent / "shared" / "seeds"
SITE = "http://127.0.0.1:8000/"
NEW_TERM = """  - id: peer-support-network
    term: Peer support network
    definition: >-
      A group of people with lived experience who meet to support one another
      (see [one network's page](https://peer-network.example.org/about)).
    sources:
      - source: tepou-guide
        where: "Definitions, p. 3"
"""
# The third view of the note on equality (values.yml), removed.
LOST_SIDE = """      - source: who-qualityrights
        where: "12. Peer supporters in mental health and social services, slide: Supporting peer supporters' role in services: Team meetings"
        view: >-
          Peer supporters should take part in staff meetings. They must not be
          pressed to reveal private things that a person has told them.
"""
HARD_SENTENCE = (
    "Notwithstanding organisational considerations, comprehensive institutional evaluation "
    "methodologies necessitate systematic documentation, consolidating interdepartmental "
    "accountability mechanisms, establishing multidimensional organisational performance "
    "indicators, and facilitating longitudinal comparative interpretation of "
    "administratively heterogeneous departure circumstances.")
# The page's own summary, which the hard sentence replaces.
OLD_SUMMARY = ("When a peer worker leaves, offer an exit interview and ask whether the\n"
               "    organisation was a good place for peer workers, and what would fix it.")
# When the source texts are not beside the project there is nothing to copy from; the
# report must then say the check was not available.
STAND_IN = "This sentence stands in for a passage taken from one of the source documents here."


def run(repo, *args):
    return subprocess.run([sys.executable, str(SCRIPT), *args, "--copycheck", str(COPYCHECK)],
                          cwd=repo, capture_output=True, text=True, timeout=600)


def git(repo, *args):
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def edit(path, old, new):
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def commit(repo, message):
    git(repo, "commit", "--quiet", "-am", message)


def line_of(path, text, after=0):
    """The line number of the first line at or after `after` holding text."""
    lines = path.read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if n > after and text in line)


def seed_sentence():
    """A plain sentence of 15 or more words from a source document."""
    text = " ".join(sorted(SEEDS.glob("*.txt"))[0].read_text(errors="ignore").split())
    for sentence in re.findall(r"[A-Z][a-z][a-z ,]+\.", text):
        if 15 <= len(sentence.split()) <= 30:
            return sentence
    raise AssertionError("no plain sentence found in the first source document")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    repo = tmp_path_factory.mktemp("content-diff") / "handbook"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(repo)], check=True)
    git(repo, "config", "user.email", "editor@example.org")
    git(repo, "config", "user.name", "Handbook editor")
    return repo


@pytest.fixture(scope="module")
def changes(scratch):
    """Seven commits on top of the clone's HEAD, and the report from the clone's HEAD to them."""
    repo, data = scratch, scratch / "data"
    base = git(repo, "rev-parse", "HEAD").strip()
    edit(data / "values.yml", "decide how the relationship works.", "agree how the relationship works.")
    commit(repo, "A changed field")
    edit(data / "glossary.yml", "  - id: lived-experience\n", NEW_TERM + "  - id: lived-experience\n")
    commit(repo, "An added item")
    pitfalls = data / "hiring_pitfalls.yml"
    pitfalls.write_text(re.sub(r"(?ms)^  - id: unclear-or-off-putting-adverts\n.*?(?=^  - id: |\Z)", "",
                               pitfalls.read_text()))
    commit(repo, "A retired item")
    edit(data / "glossary.yml", 'where: "Definitions, p. 3; Prerequisites, p. 11"',
         'where: "Definitions, p. 4; Prerequisites, p. 11"')
    commit(repo, "A changed citation")
    values = data / "values.yml"
    edit(values, LOST_SIDE, "")
    commit(repo, "A note that lost a side")
    edit(repo / "docs" / "sustain" / "exit-interviews.md", OLD_SUMMARY, HARD_SENTENCE)
    commit(repo, "A page made harder to read")
    copied = seed_sentence() if COPYCHECK.is_file() else STAND_IN
    roles = data / "peer_roles.yml"
    start = line_of(roles, "  - id: peer-support-worker")
    edit(roles, "    description: >-\n", f"    description: >-\n      {copied}\n")
    commit(repo, "A copied passage")

    # The checks on a pull request build HEAD for the preview and hand that build over.
    head_site = repo.parent / "head-site"
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(head_site)],
                           cwd=repo, capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr
    result = run(repo, base, "HEAD", "--head-site", str(head_site), "--preview")
    assert result.returncode == 0, result.stderr
    return SimpleNamespace(report=result.stdout, base=base, data=data, copied=copied,
                           roles_line=line_of(roles, copied, start))


def section(report, heading):
    return report.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def entries(report):
    return re.findall(r"^- (Added|Changed|Retired): .*?\(`([^`]+)`\)", section(report, "Entries"), re.M)


def test_the_report_lists_each_changed_entry_and_no_other(changes):
    assert sorted(entries(changes.report)) == [
        ("Added", "glossary/peer-support-network"),
        ("Changed", "glossary/lived-experience"),
        ("Changed", "peer_roles/peer-support-worker"),
        ("Changed", "values/equality"),
        ("Changed", "values/mutuality"),
        ("Retired", "hiring_pitfalls/unclear-or-off-putting-adverts"),
    ]
    assert "1 added, 4 changed, 1 retired." in changes.report
    # Untouched entries of the same files are not mentioned anywhere.
    for untouched in ("values/empathy", "Empathy", "glossary/peer`", "hiring_pitfalls/lowering-hiring-standards"):
        assert untouched not in changes.report


def test_a_changed_field_shows_a_word_diff_with_file_line_and_link(changes):
    values = changes.data / "values.yml"
    item, field = line_of(values, "- id: mutuality"), line_of(values, "    meaning: >-")
    assert (f"- Changed: **Mutuality** (`values/mutuality`), data/values.yml:{item}, "
            f"[foundations/values/#mutuality]({SITE}foundations/values/#mutuality)\n"
            f"    - `meaning` (line {field}): ") in changes.report
    assert "together they ~~decide~~ **agree** how the relationship works." in changes.report


def test_added_and_retired_items_are_named_with_file_and_line(changes):
    glossary = changes.data / "glossary.yml"
    assert (f"- Added: **Peer support network** (`glossary/peer-support-network`), "
            f"data/glossary.yml:{line_of(glossary, '- id: peer-support-network')}, "
            f"[reference/glossary/#peer-support-network]({SITE}reference/glossary/#peer-support-network)"
            ) in changes.report
    old_line = git(changes.data.parent, "show", f"{changes.base}:data/hiring_pitfalls.yml").splitlines().index(
        "  - id: unclear-or-off-putting-adverts") + 1
    assert (f"- Retired: **Job adverts that are vague about lived experience, or that put people off "
            f"applying.** (`hiring_pitfalls/unclear-or-off-putting-adverts`), was "
            f"data/hiring_pitfalls.yml:{old_line} in {changes.base[:10]}, "
            f"was on recruit/hiring-pitfalls/#unclear-or-off-putting-adverts") in changes.report


def test_a_page_whose_own_text_changed_shows_the_paragraph(changes):
    page = changes.data.parent / "docs" / "sustain" / "exit-interviews.md"
    assert section(changes.report, "Page text").strip().splitlines() == [
        f"- docs/sustain/exit-interviews.md, [sustain/exit-interviews/]({SITE}sustain/exit-interviews/)",
        f"    - line {line_of(page, 'In short')}: ~~!!! in-short \"In short\" "
        f"{' '.join(OLD_SUMMARY.split())}~~ **!!! in-short \"In short\" {HARD_SENTENCE}**",
    ]


def test_citations_added_and_changed_are_listed(changes):
    glossary = changes.data / "glossary.yml"
    term, lived = line_of(glossary, "- id: peer-support-network"), line_of(glossary, "- id: lived-experience")
    assert section(changes.report, "Citations").strip().splitlines() == [
        f"- **Peer support network** (`glossary/peer-support-network`), data/glossary.yml:"
        f"{line_of(glossary, '    sources:', term)}: added `tepou-guide`, where: Definitions, p. 3",
        f"- **Lived experience** (`glossary/lived-experience`), data/glossary.yml:"
        f"{line_of(glossary, '    sources:', lived)}: changed `tepou-guide`: where: Definitions, p. "
        "~~3;~~ **4;** Prerequisites, p. 11",
    ]
    # The changed item's own entry points to the citations rather than repeating them.
    assert "    - `sources` (line" in changes.report


def test_a_note_that_lost_a_side_is_named(changes):
    values = changes.data / "values.yml"
    views = line_of(values, "    views:", line_of(values, "- id: equality"))
    assert section(changes.report, '"Sources differ" notes').strip().splitlines() == [
        f"- **Equality and shared power** (`values/equality`), data/values.yml:{views}: lost the side "
        "of who-qualityrights; it now compares provider-handbook, supervising-toolkit"]


def test_a_page_made_harder_to_read_is_named(changes):
    [line] = section(changes.report, "Reading level").strip().splitlines()
    assert line.startswith(f"- Exit interviews, [sustain/exit-interviews/]({SITE}sustain/exit-interviews/): grade ")
    assert line.endswith("(Flesch-Kincaid); made from data/guidance.yml, docs/sustain/exit-interviews.md")
    before, after = map(float, re.search(r"grade ([\d.]+) → ([\d.]+)", line).groups())
    assert after - before > 1


def test_new_external_links_are_listed(changes):
    glossary = changes.data / "glossary.yml"
    assert section(changes.report, "New external links").strip() == (
        f"- <https://peer-network.example.org/about>, data/glossary.yml:"
        f"{line_of(glossary, 'peer-network.example.org')}")


def test_the_own_words_check_reports_the_copied_passage(changes):
    own_words = section(changes.report, "Own words")
    if not COPYCHECK.is_file():
        assert f"The own-words check was not available: {COPYCHECK} is not there." in own_words
        return
    [passage] = [line for line in own_words.splitlines() if line.startswith("- ")]
    assert passage.startswith(f"- data/peer_roles.yml:{changes.roles_line}: ")
    assert "words repeat a source" in passage
    assert " ".join(re.findall(r"[a-z]+", changes.copied.lower())[:6]) in passage


def test_the_report_says_how_to_open_the_preview(changes):
    preview = section(changes.report, "Preview")
    assert "Download `handbook-preview` from the run's Summary page, unzip it" in preview
    assert f"run `python3 -m http.server 8000` in the unzipped folder and open {SITE}" in preview
    assert "`handbook-offline` holds the offline copy" in preview
    assert "open `peer-roles-handbook/index.html` from the files" in preview


def test_an_unknown_revision_is_refused_in_one_message(scratch):
    result = run(scratch, "no-such-branch", "HEAD")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"content_diff: unknown revision 'no-such-branch': it names no commit in {scratch}")


def test_a_revision_whose_data_does_not_validate_is_refused_naming_the_problems(scratch):
    head = git(scratch, "rev-parse", "HEAD").strip()
    values = scratch / "data" / "values.yml"
    edit(values, "    meaning: >-", "    meanin: >-")
    line = line_of(values, "    meanin: >-")
    try:
        dirty = run(scratch, "HEAD")  # against the working tree, uncommitted
        commit(scratch, "Break the data")
        committed = run(scratch, "HEAD~1", "HEAD")
    finally:
        git(scratch, "reset", "--quiet", "--hard", head)
    for result, name in ((dirty, "the working tree"), (committed, "HEAD (")):
        assert result.returncode == 2, result.stdout
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith(f"content_diff: the data at {name}")
        assert "does not validate.\nThe handbook data has " in result.stderr
        assert (f"  - data/values.yml:{line}: items[0].meanin (item 'mutuality'): unknown field "
                "'meanin'") in result.stderr
