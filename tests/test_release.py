"""Two editions released in a scratch copy of the repository: both are published side by
side, the first is left untouched, and the second lists what changed, item by item, on
its page, in its feed and on the changed item's own page."""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from local_site import serve

ATOM = "{http://www.w3.org/2005/Atom}"
FIRST, SECOND = "2099.1", "2099.2"
NEW_TERM = """  - id: peer-support-network
    term: Peer support network
    definition: >-
      A group of people with lived experience who meet to support one another
      and the peer workers among them.
    sources:
      - source: tepou-guide
        where: "Definitions, p. 3"
"""


def git(repo, *args):
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def release(repo, config=None):
    """Run the release script; config holds git settings for this run only."""
    env = {**os.environ, "GIT_CONFIG_COUNT": str(len(config or {}))}
    for index, (key, value) in enumerate((config or {}).items()):
        env |= {f"GIT_CONFIG_KEY_{index}": key, f"GIT_CONFIG_VALUE_{index}": str(value)}
    return subprocess.run([sys.executable, str(repo / "scripts" / "release.py")], cwd=repo,
                          capture_output=True, text=True, timeout=600, env=env)


def set_edition(repo, edition):
    config = repo / "mkdocs.yml"
    config.write_text(re.sub(r'(?m)^  edition: "[^"]+"$', f'  edition: "{edition}"',
                             config.read_text()))


def edit(path, old, new):
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """A clone of the project with two editions released; the second adds a glossary
    term, rewrites a value's meaning and retires a hiring pitfall."""
    repo = tmp_path_factory.mktemp("release") / "handbook"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(repo)], check=True)
    git(repo, "remote", "remove", "origin")
    git(repo, "config", "user.email", "editor@example.org")
    git(repo, "config", "user.name", "Handbook editor")
    set_edition(repo, FIRST)
    git(repo, "commit", "--quiet", "-am", f"Start edition {FIRST}")
    first = release(repo)
    assert first.returncode == 0, first.stderr
    first_tree = git(repo, "rev-parse", f"gh-pages:{FIRST}").strip()

    data = repo / "data"
    edit(data / "glossary.yml", "  - id: lived-experience\n", NEW_TERM + "  - id: lived-experience\n")
    edit(data / "values.yml", "decide how the relationship works.", "agree how the relationship works.")
    pitfalls = data / "hiring_pitfalls.yml"
    pitfalls.write_text(re.sub(r"(?ms)^  - id: unclear-or-off-putting-adverts\n.*?(?=^  - id: |\Z)", "",
                               pitfalls.read_text()))
    set_edition(repo, SECOND)
    git(repo, "commit", "--quiet", "-am", f"Start edition {SECOND}")
    second = release(repo)
    assert second.returncode == 0, second.stderr
    return SimpleNamespace(path=repo, first_tree=first_tree, output=second.stdout)


def published(repo, path):
    return git(repo.path, "show", f"gh-pages:{path}")


def test_both_editions_are_published_with_latest_on_the_second(repo):
    versions = json.loads(published(repo, "versions.json"))
    assert [(v["version"], v["title"], v["aliases"]) for v in versions][:2] == [
        (SECOND, f"Edition {SECOND}", ["latest"]), (FIRST, f"Edition {FIRST}", [])]
    assert f'"Edition {SECOND}" ({SECOND}) [latest]' in repo.output
    assert {f"edition-{FIRST}", f"edition-{SECOND}"} <= set(git(repo.path, "tag").split())


def test_releasing_leaves_the_published_edition_untouched(repo):
    assert git(repo.path, "rev-parse", f"gh-pages:{FIRST}").strip() == repo.first_tree


def test_an_edition_cannot_be_released_twice(repo):
    again = release(repo.path)
    assert again.returncode != 0
    assert f"edition {SECOND} is already published" in again.stderr
    assert git(repo.path, "rev-parse", f"gh-pages:{FIRST}").strip() == repo.first_tree


THIRD = "2099.3"
UNCHANGED = ("release: nothing was changed: branch gh-pages, the latest alias, the tags and the "
             "working tree are as they were.")


def state(repo):
    """All a release may change: every branch and tag (gh-pages with its versions and the
    latest alias among them), HEAD, and the files."""
    return {"refs": git(repo, "for-each-ref", "--format=%(refname) %(objectname)"),
            "head": git(repo, "rev-parse", "HEAD"),
            "files": git(repo, "status", "--porcelain", "--untracked-files=all"),
            "snapshots": sorted(p.name for p in (repo / "data" / "editions").iterdir())}


@pytest.fixture
def next_edition(repo):
    """The scratch repository with the next edition set; put back as it was afterwards."""
    start = git(repo.path, "rev-parse", "HEAD").strip()
    set_edition(repo.path, THIRD)
    git(repo.path, "commit", "--quiet", "-am", f"Start edition {THIRD}")
    yield repo.path
    git(repo.path, "reset", "--hard", "--quiet", start)


def failed_release(repo, config):
    """Release, expecting a refusal that changed nothing; the lines of its message."""
    before = state(repo)
    result = release(repo, config)
    assert (result.returncode, result.stdout) == (1, "")
    assert "Traceback" not in result.stderr
    assert state(repo) == before
    # Explicitly, for the reader: the latest alias still names the second edition.
    versions = json.loads(git(repo, "show", "gh-pages:versions.json"))
    assert [v["version"] for v in versions if "latest" in v["aliases"]] == [SECOND]
    lines = result.stderr.splitlines()
    assert lines[-1] == UNCHANGED
    return lines


def test_a_failing_commit_hook_unpublishes_the_edition_and_shows_the_hook_message(next_edition, tmp_path):
    hook = tmp_path / "hooks" / "pre-commit"
    hook.parent.mkdir()
    hook.write_text("#!/bin/sh\necho 'pre-commit: every snapshot needs a second reviewer' >&2\nexit 1\n")
    hook.chmod(0o755)
    lines = failed_release(next_edition, {"core.hooksPath": hook.parent})
    assert lines[:3] == [
        f"release: edition {THIRD} was not released: committing the snapshot (git commit) failed: "
        f"`git commit --quiet -m Edition {THIRD}` exited with code 1:",
        "    pre-commit: every snapshot needs a second reviewer",
        UNCHANGED]


def test_a_failing_tag_unpublishes_and_uncommits_the_edition(next_edition):
    # Tags must be signed, and signing fails (as when no key is set up).
    lines = failed_release(next_edition, {"tag.gpgSign": "true", "gpg.program": "false"})
    assert lines[0] == (f"release: edition {THIRD} was not released: tagging the commit (git tag) failed: "
                        f"`git tag -a edition-{THIRD} -m Edition {THIRD}, released {date.today()}` "
                        "exited with code 128:")
    assert "    error: gpg failed to sign the data" in lines


def test_a_failing_build_leaves_no_snapshot_and_names_the_broken_link(next_edition):
    edit(next_edition / "docs" / "index.md", "# Peer Roles Handbook\n",
         "# Peer Roles Handbook\n\n[Broken](no-such-page.md)\n")
    git(next_edition, "commit", "--quiet", "-am", "A link to a page that does not exist")
    lines = failed_release(next_edition, {})
    assert lines[0] == (f"release: edition {THIRD} was not released: building and publishing the "
                        "edition (mike deploy) failed: `mike deploy --config-file mkdocs.editions.yml --branch gh-pages "
                        "--update-aliases "
                        f"--title Edition {THIRD} {THIRD} latest` exited with code 1:")
    assert any("'no-such-page.md'" in line and "not found" in line for line in lines)


def changes_section(repo):
    page = BeautifulSoup(published(repo, f"{SECOND}/reference/changes/index.html"), "html.parser")
    section = page.find(id=f"edition-{SECOND.replace('.', '-')}")
    items = {}
    for element in section.find_all_next():
        if element.name == "h2":
            break
        if element.name == "h3":
            kind = element.get_text(" ", strip=True).split(" (")[0]
        if element.name == "li" and "hb-changes" in element.parent.get("class", []):
            items.setdefault(kind, []).append(element)
    return items


def test_what_changed_lists_added_changed_with_fields_and_retired(repo):
    items = changes_section(repo)
    assert sorted(items) == ["Added", "Changed", "Retired"]
    [added], [changed], [retired] = items["Added"], items["Changed"], items["Retired"]
    assert added.a["href"].endswith("#peer-support-network")
    assert "Peer support network" in added.get_text()
    assert changed.a["href"].endswith("foundations/values/#mutuality")
    assert "Changed: meaning" in changed.get_text()
    assert "Job adverts that are vague" in retired.get_text() and retired.a is None


def test_the_feed_lists_the_same_changes(repo):
    feed = ET.fromstring(published(repo, f"{SECOND}/changes.xml"))
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")
              if f"edition {SECOND}" in entry.find(f"{ATOM}title").text]
    assert sorted(titles) == sorted([
        f"Added in edition {SECOND}: Peer support network",
        f"Changed in edition {SECOND}: Mutuality (changed: meaning)",
        f"Retired in edition {SECOND}: Job adverts that are vague about lived experience, "
        "or that put people off applying.",
    ])
    links = {entry.find(f"{ATOM}title").text.split(":")[0]: entry.find(f"{ATOM}link").get("href")
             for entry in feed.iter(f"{ATOM}entry") if f"edition {SECOND}" in entry.find(f"{ATOM}title").text}
    assert links[f"Changed in edition {SECOND}"].endswith("foundations/values/#mutuality")


def test_a_changed_item_says_so_on_its_page(repo):
    page = BeautifulSoup(published(repo, f"{SECOND}/foundations/values/index.html"), "html.parser")
    mutuality = page.find(attrs={"data-item": "mutuality"})
    assert mutuality.find(class_="hb-updated").get_text() == f"Updated in edition {SECOND}"
    assert len(page.select(".hb-updated")) == 1
    # The earlier edition, published before the change, does not carry it.
    earlier = BeautifulSoup(published(repo, f"{FIRST}/foundations/values/index.html"), "html.parser")
    assert not [note for note in earlier.select(".hb-updated") if SECOND in note.get_text()]


def first_text(locator):
    """An element's own text, without the alias badge ("latest") Material adds after it."""
    return locator.evaluate("element => element.firstChild.textContent.trim()")


@pytest.mark.browser
def test_the_version_selector_lists_both_editions_and_old_ones_carry_a_banner(repo, browser, tmp_path):
    site = tmp_path / "published"
    site.mkdir()
    archive = subprocess.run(["git", "archive", "gh-pages"], cwd=repo.path, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(site)], input=archive.stdout, check=True)
    with serve(site) as url:
        page = browser.new_page()
        page.goto(url + f"{FIRST}/")
        page.locator(".md-version__current").wait_for()
        assert first_text(page.locator(".md-version__current")) == f"Edition {FIRST}"
        # Each entry is the edition's title, followed by its alias ("latest") if it has one.
        titles = page.locator(".md-version__link").evaluate_all(
            "links => links.map(link => link.firstChild.textContent.trim())")
        assert titles[:2] == [f"Edition {SECOND}", f"Edition {FIRST}"]
        banner = page.locator("[data-md-component=outdated]")
        banner.wait_for()
        assert f"You are reading edition {FIRST}, which is not the latest." in banner.inner_text()
        page.goto(url)  # the branch's root leads to the latest edition
        page.locator(".md-version__current").wait_for()
        assert first_text(page.locator(".md-version__current")) == f"Edition {SECOND}"
        assert not page.locator("[data-md-component=outdated]").is_visible()
        page.close()
