"""An organisation's edition without the pages it leaves out (examples/example-health
leaves out foundations/history.md): the page is not built, and every link to it goes
to the shared handbook's copy; the offline copy made for the organisation; and
scripts/org_check.py, which lists what changed upstream that touches an overlay."""
import json
import re
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import EXAMPLE, ROOT, guarded_tab, run_mkdocs, search_documents
from macros.overlay import load_organisation
from macros.page_choice import _without, address
from macros.problems import DataError
from macros.render import fingerprint
from macros.upstream_links import link_upstream
from org_check import check

UPSTREAM = "https://handbook.example.org/"
LEFT_OUT = "foundations/history/"
# An item on the page left out, which the works cited links to.
ITEM = "history-into-services"
ORG_CHECK = ROOT / "scripts" / "org_check.py"


@pytest.fixture
def tab(org_tab):
    return org_tab


# --- The example edition ---------------------------------------------------------------

def test_the_page_left_out_is_not_built_mapped_indexed_or_embedded(org_site):
    assert not (org_site / LEFT_OUT).exists()
    assert (org_site / "foundations/values/index.html").exists()
    assert LEFT_OUT not in (org_site / "sitemap.xml").read_text(encoding="utf-8")
    documents = search_documents(org_site)
    assert [doc["location"] for doc in documents if doc["location"].startswith(LEFT_OUT)] == []
    assert any(doc["location"].startswith("foundations/values/") for doc in documents)
    assert not (org_site / "embed/foundations-history").exists()
    # No page of the edition links to where the page would have been.
    for page in org_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'href="(?!https?:)[^"]*foundations/history/', html), page


@pytest.mark.browser
def test_the_navigation_leaves_the_page_out(tab, org_url):
    tab.goto(org_url + "foundations/")
    nav = tab.locator("nav.md-nav--primary")
    assert nav.get_by_role("link", name="Peer values", exact=True).count() == 1
    assert nav.get_by_role("link", name="History", exact=True).count() == 0
    assert UPSTREAM not in nav.inner_html()


@pytest.mark.browser
def test_a_link_to_the_page_left_out_goes_to_the_shared_handbook(tab, org_url):
    tab.goto(org_url + "foundations/")
    link = tab.locator("article").get_by_role("link", name="History of peer support")
    assert link.evaluate("a => a.href") == UPSTREAM + LEFT_OUT
    # Clicked, it leaves for the shared handbook (which this test does not reach).
    with tab.expect_request(UPSTREAM + LEFT_OUT) as request:
        link.click()
    assert request.value.url == UPSTREAM + LEFT_OUT
    tab.foreign_requests.remove(UPSTREAM + LEFT_OUT)


@pytest.mark.browser
def test_the_licence_page_names_the_page_left_out(tab, org_url):
    tab.goto(org_url + "reference/licence/")
    note = tab.locator("article .hb-org-left-out")
    assert " ".join(note.inner_text().split()) == (
        "Example Health does not publish this page of the shared handbook; links to it lead to "
        "the shared handbook's copy: History of peer support.")
    assert note.get_by_role("link").get_attribute("href") == UPSTREAM + LEFT_OUT


@pytest.mark.browser
def test_links_to_items_on_the_page_left_out_keep_their_anchor(tab, org_url):
    tab.goto(org_url + "reference/works-cited/")
    hrefs = tab.locator("article a").evaluate_all("links => links.map(a => a.href)")
    upstream = [href for href in hrefs if href.startswith(UPSTREAM)]
    assert UPSTREAM + LEFT_OUT + "#" + ITEM in upstream
    assert [href for href in hrefs
            if "/foundations/history/" in href and not href.startswith(UPSTREAM)] == []


def test_the_shared_handbook_keeps_the_page_and_its_own_links(org_site, built_site):
    # The shared handbook keeps the page, and links to it within itself.
    assert (built_site / LEFT_OUT / "index.html").exists()
    section = (built_site / "foundations/index.html").read_text(encoding="utf-8")
    assert 'href="history/"' in section and UPSTREAM not in section
    licence = (built_site / "reference/licence/index.html").read_text(encoding="utf-8")
    assert "hb-org-left-out" not in licence and "does not publish" not in licence
    assert 'href="../../foundations/history/#' in (
        built_site / "reference/works-cited/index.html").read_text(encoding="utf-8")
    # The organisation's edition keeps the rest of the section.
    assert 'href="values/"' in (org_site / "foundations/index.html").read_text(encoding="utf-8")


# --- How links are pointed upstream --------------------------------------------------

TARGETS = {"foundations/history/": UPSTREAM + LEFT_OUT}


@pytest.mark.parametrize("here, html, expected", [
    ("foundations/", '<a href="history/">', f'<a href="{UPSTREAM}{LEFT_OUT}">'),
    ("reference/works-cited/", f'<a href="../../foundations/history/#{ITEM}">',
     f'<a href="{UPSTREAM}{LEFT_OUT}#{ITEM}">'),
    ("", '<a class="x" href="foundations/history/">', f'<a class="x" href="{UPSTREAM}{LEFT_OUT}">'),
    # The tools' scripts read the pages they link to from data attributes.
    ("recruit/job-description-builder/", '<div data-language-page="../../foundations/history/">',
     f'<div data-language-page="{UPSTREAM}{LEFT_OUT}">'),
    # Other pages, anchors on the page itself and other hosts are left alone.
    ("foundations/", '<a href="values/#mutuality">', '<a href="values/#mutuality">'),
    ("foundations/", '<a href="#history">', '<a href="#history">'),
    ("foundations/", '<a href="https://example.org/foundations/history/">',
     '<a href="https://example.org/foundations/history/">'),
])
def test_links_to_pages_left_out_are_pointed_upstream(here, html, expected):
    assert link_upstream(html, here, TARGETS) == expected


def test_offline_copies_name_pages_by_file():
    targets = {"foundations/history.html": UPSTREAM + LEFT_OUT}
    assert link_upstream('<a href="history.html#x">', "foundations/index.html", targets) == (
        f'<a href="{UPSTREAM}{LEFT_OUT}#x">')
    assert link_upstream('<a href="foundations/history.html">', "index.html", targets) == (
        f'<a href="{UPSTREAM}{LEFT_OUT}">')


def test_files_written_beside_the_pages_name_pages_left_out_upstream():
    # The feed and the Word files give full addresses.
    full = address("http://127.0.0.1:8000/", {"foundations/history.md": UPSTREAM + LEFT_OUT})
    assert full(f"{LEFT_OUT}#{ITEM}") == f"{UPSTREAM}{LEFT_OUT}#{ITEM}"
    assert full("foundations/values/#x") == "http://127.0.0.1:8000/foundations/values/#x"


def test_the_navigation_loses_pages_left_out_and_sections_left_empty():
    nav = [{"Home": "index.md"},
           {"Sustain": ["sustain/index.md", {"Role inventory": "sustain/role-inventory.md"}]},
           {"Extra": [{"Only": "extra/only.md"}]}]
    assert _without(nav, {"sustain/role-inventory.md", "extra/only.md"}) == [
        {"Home": "index.md"}, {"Sustain": ["sustain/index.md"]}]


# --- Overlays with mistakes ------------------------------------------------------------

GOOD = """\
name: Example Health
upstream:
  site: https://handbook.example.org/
  edition: "2026.1"
leave_out:
  - sustain/role-inventory.md
  - supervise/
"""


def write(folder, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "organisation.yml").write_text(text, encoding="utf-8")
    return folder


def load(folder):
    return load_organisation(folder, ROOT / "data" / "schema", folder.parent,
                             docs_dir=ROOT / "docs")


def refusal(folder) -> str:
    with pytest.raises(DataError) as refused:
        load(folder)
    [problem] = refused.value.problems
    return str(problem)


def test_pages_and_folders_left_out_are_read(tmp_path):
    organisation = load(write(tmp_path / "org", GOOD))
    assert "sustain/role-inventory.md" in organisation.leave_out
    assert "supervise/good-supervision.md" in organisation.leave_out
    assert "supervise/index.md" in organisation.leave_out
    assert "sustain/index.md" not in organisation.leave_out


@pytest.mark.parametrize("old, new, message", [
    ("sustain/role-inventory.md", "sustain/role-inventry.md",
     "org/organisation.yml:6: leave_out[0]: the handbook has no page 'sustain/role-inventry.md' "
     "under docs/; did you mean 'sustain/role-inventory.md'?"),
    ("supervise/", "supervision/",
     "org/organisation.yml:7: leave_out[1]: the handbook has no folder 'supervision/' under "
     "docs/; did you mean 'supervise/'?"),
    ("supervise/", "index.md",
     "org/organisation.yml:7: leave_out[1]: 'index.md' would leave out index.md, the home page; "
     "every edition keeps index.md, reference/licence.md, reference/sources.md: leave out "
     "other pages"),
    ("supervise/", "reference/",
     "org/organisation.yml:7: leave_out[1]: 'reference/' would leave out reference/licence.md, "
     "the licence page"),
    ("supervise/", "../mkdocs.md",
     "org/organisation.yml:7: leave_out[1]: expected a page of the handbook as its Markdown file "
     "under docs/"),
])
def test_a_page_that_cannot_be_left_out_is_one_clear_message(tmp_path, old, new, message):
    problems = []
    with pytest.raises(DataError) as refused:
        load(write(tmp_path / "org", GOOD.replace(old, new)))
    problems = [str(p) for p in refused.value.problems]
    assert any(p.startswith(message) for p in problems), problems
    # Leaving out reference/ takes the licence and sources pages: one message each.
    assert len(problems) == (2 if new == "reference/" else 1)


def test_leaving_out_pages_needs_the_upstream_site(tmp_path):
    text = "name: Example Health\nleave_out:\n  - sustain/role-inventory.md\n"
    assert refusal(write(tmp_path / "org", text)) == (
        "org/organisation.yml:2: leave_out: links to the pages left out go to the shared "
        "handbook's copy: add 'upstream:' with the shared handbook's 'site' (such as "
        "https://handbook.example.org/) and the 'edition' last checked against")


def test_the_build_stops_on_a_page_it_does_not_have(tmp_path):
    folder = write(tmp_path / "org", GOOD.replace("supervise/", "supervise/tasks"))
    result = run_mkdocs("build", "--strict", "--site-dir", str(tmp_path / "site"),
                        env={"HANDBOOK_ORG": str(folder)})
    assert result.returncode != 0
    assert "The organisation overlay has 1 problem:" in result.stderr
    assert "leave_out[1]" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


# --- The offline copy ------------------------------------------------------------------

@pytest.mark.browser
def test_the_offline_copy_of_an_organisations_edition_opens_from_files(browser, tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "scripts/offline.py"), "--org",
                             str(EXAMPLE), "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    archive = tmp_path / "example-health-peer-roles-handbook-2026.1.zip"
    assert result.stdout.startswith(f"{archive}: ")
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(tmp_path / "unzipped")
    copy = tmp_path / "unzipped" / "example-health-peer-roles-handbook"
    assert not (copy / "foundations/history.html").exists()
    with guarded_tab(browser, "file://") as tab:
        tab.goto((copy / "foundations/index.html").as_uri())
        assert tab.title() == "Foundations - Example Health · Peer Roles Handbook"
        link = tab.locator("article").get_by_role("link", name="History of peer support")
        assert link.get_attribute("href") == UPSTREAM + LEFT_OUT
        tab.locator("article").get_by_role("link", name="Peer values").first.click()
        tab.wait_for_url("**/foundations/values.html")
        assert tab.foreign_requests == []


# --- Staying current: scripts/org_check.py ----------------------------------------------

def org_check(folder):
    return subprocess.run([sys.executable, str(ORG_CHECK), str(folder)], capture_output=True,
                          text=True, timeout=300)


def line_of(path, text):
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_the_example_is_told_what_changed_on_the_page_it_leaves_out():
    # guidance/history-roots was rewritten since the snapshot of edition 2026.1.
    result = org_check(EXAMPLE)
    assert result.returncode == 1, result.stderr
    line = line_of(EXAMPLE / "organisation.yml", "  - foundations/history.md")
    assert (f"examples/example-health/organisation.yml:{line}: leave_out[0]: "
            "'foundations/history.md', which the edition links to in the shared handbook, "
            "has changes") in result.stdout
    assert ("  - changed guidance/history-roots (text): Old roots in mutual aid "
            f"<{UPSTREAM}{LEFT_OUT}#history-roots>") in result.stdout
    assert "since edition 2026.1" in result.stdout
    assert "set upstream.edition to it (examples/example-health/organisation.yml:" in result.stdout


OVERLAY = """\
name: Test Health
upstream:
  site: https://handbook.example.org/
  edition: "2026.1"
terms:
  Medicaid: public insurance
notes:
  empowerment: Our own note on empowerment.
  lets-get-real: We used this source in training.
  mutuality: Unchanged since 2026.1.
"""


def test_notes_terms_and_local_items_on_changed_or_retired_items_are_named(tmp_path):
    folder = write(tmp_path / "org", OVERLAY)
    (folder / "data").mkdir()
    (folder / "data/interview_questions.yml").write_text(
        "items:\n  - id: our-question\n    group: provider-lived-experience\n", encoding="utf-8")
    result = org_check(folder)
    assert result.returncode == 1, result.stderr
    out = result.stdout
    label = f"{folder}/organisation.yml"
    # values/empowerment's meaning was rewritten; the source lets-get-real was retired.
    assert (f"{label}:8: notes.empowerment: the item it annotates\n"
            "  - changed values/empowerment (meaning): Empowerment "
            f"<{UPSTREAM}foundations/values/#empowerment>") in out
    assert (f"{label}:9: notes.lets-get-real: the item it annotates\n"
            "  - retired sources/lets-get-real: ") in out
    assert "notes.mutuality" not in out
    # 'Medicaid' is in the rewritten text of the history of payment, as a whole word.
    assert f"{label}:6: terms.Medicaid: 'Medicaid' is in the changed text of" in out
    assert "  - changed guidance/history-medicaid (text): " in out
    # The question joins a group of the bank in which questions changed.
    assert (f"{folder}/data/interview_questions.yml:3: items[0].group (item 'our-question'): "
            "the handbook's 'provider-lived-experience' list") in out
    assert "  - changed interview_questions/using-lived-experience (topics)" in out


def test_an_overlay_nothing_touches_is_told_so(tmp_path):
    folder = write(tmp_path / "org", OVERLAY.split("terms:")[0] + "notes:\n  mutuality: Ours.\n")
    result = org_check(folder)
    assert result.returncode == 0, result.stderr
    assert "None of these touches Test Health's edition." in result.stdout


@pytest.mark.parametrize("edition, message", [
    ('"2025.3"', "upstream.edition: '2025.3' is not an edition of the handbook; editions: 2026.1"),
    ("2026.1", 'upstream.edition: must be in quotes, such as "2026.1"'),
])
def test_an_unknown_edition_is_one_message(tmp_path, edition, message):
    result = org_check(write(tmp_path / "org", OVERLAY.replace('"2026.1"', edition)))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("org_check: The organisation overlay has 1 problem:\n"
                                    f"  - {tmp_path}/org/organisation.yml:4: {message}")
    assert "Traceback" not in result.stderr


def test_an_unreadable_overlay_is_one_message(tmp_path):
    result = org_check(write(tmp_path / "org", "name: [Test Health\n"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"org_check: The organisation overlay has 1 problem:\n"
                                    f"  - {tmp_path}/org/organisation.yml:")
    result = org_check(tmp_path / "nowhere")
    assert result.returncode == 2
    assert "holds no organisation.yml" in result.stderr


def test_an_entry_retired_from_a_list_the_organisation_adds_to_is_named(tmp_path):
    # A snapshot of 2026.1 that held one more onboarding entry than the handbook has now.
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "editions" / "2026.1.json"
    snapshot = json.loads(path.read_text(encoding="utf-8"))
    snapshot["items"]["checklists/onboarding-old-entry"] = {
        "label": "Meet the team on day one",
        "url": "onboard/onboarding-checklist/#onboarding-old-entry",
        "fields": {"list": fingerprint("onboarding"), "text": fingerprint("Meet the team")}}
    path.write_text(json.dumps(snapshot), encoding="utf-8")
    folder = write(tmp_path / "org", OVERLAY.split("terms:")[0])
    (folder / "data").mkdir()
    (folder / "data/checklists.yml").write_text(
        "items:\n  - id: our-entry\n    list: onboarding\n    text: Meet our lead.\n",
        encoding="utf-8")
    report, status = check(folder, data_dir=data)
    assert status == 1
    assert (f"{folder}/data/checklists.yml:3: items[0].list (item 'our-entry'): the handbook's "
            "'onboarding' list, which this item joins, has changes\n"
            "  - retired checklists/onboarding-old-entry: Meet the team on day one") in report
