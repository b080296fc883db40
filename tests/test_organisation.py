"""An organisation's edition: examples/example-health built once, as its staff would
read it (name, logo, colours, contact line, adaptation note, print, embeds, Word files,
saved answers kept apart), and overlays with mistakes, each refused with one message."""
import subprocess
from pathlib import Path

import pytest
from docx import Document

from conftest import EDITION, EXAMPLE, ROOT, assert_accessible, run_mkdocs
from macros import colours
from macros.overlay import load_organisation
from macros.problems import DataError, Problem
from test_markup import check, known_material_error
from test_print import printed

SITE_NAME = "Example Health · Peer Roles Handbook"
CONTACT = "Ask the peer workforce lead, Sam Rivera, on extension 4127 or at peer.lead@example.org."
ADAPTED = "Adapted by Example Health from the Peer Roles Handbook, edition 2026.1."
CHECKLIST = "onboard/onboarding-checklist/"
ORG_KEY = f"/hb@example-health:{EDITION}:checklist:onboarding"


@pytest.fixture
def tab(org_tab):
    return org_tab


# --- The example edition, as its readers see it -------------------------------------

@pytest.mark.browser
def test_header_and_titles_name_the_organisation_with_its_logo(tab, org_url):
    tab.goto(org_url + CHECKLIST)
    assert tab.title() == f"Onboarding checklist - {SITE_NAME}"
    assert SITE_NAME in tab.locator(".md-header__topic").first.inner_text()
    logo = tab.locator(".md-header .md-logo img")
    assert logo.get_attribute("src").endswith("assets/organisation/logo.svg")
    # Loaded from the site itself (the tab blocks any other host), and drawn.
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    assert logo.evaluate("img => img.src").startswith(org_url)
    tab.goto(org_url)
    assert tab.title() == SITE_NAME


@pytest.mark.browser
def test_the_organisations_colours_are_applied_from_a_stylesheet_in_the_site(tab, org_url):
    tab.goto(org_url + CHECKLIST)
    header = tab.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header == "rgb(29, 92, 58)"  # primary: "#1d5c3a"
    link = tab.locator("article a[href*='reference/sources']").first
    assert link.evaluate("e => getComputedStyle(e).color") == "rgb(156, 61, 16)"  # accent: "#9c3d10"
    sheet = tab.locator("link[rel=stylesheet][href$='assets/organisation/colours.css']")
    assert sheet.count() == 1
    assert tab.locator("[style*='--hb-petrol'], [style*='--md-primary']").count() == 0


@pytest.mark.browser
def test_every_footer_gives_the_contact_line_and_says_it_is_an_adaptation(tab, org_url):
    for path in ("", CHECKLIST):
        tab.goto(org_url + path)
        footer = " ".join(tab.locator(".md-copyright").inner_text().split())
        assert CONTACT in footer and ADAPTED in footer
        # The credit and licence stay.
        assert "Content under CC BY-NC-SA 4.0" in footer and "Licence and reuse" in footer
    assert tab.locator(".md-copyright .hb-org-contact a").get_attribute("href") == "mailto:peer.lead@example.org"
    assert tab.locator(".hb-org-adaptation a").get_attribute("href") == "https://handbook.example.org/"
    # The home page gives the contact line under the edition, too.
    tab.goto(org_url)
    assert CONTACT in " ".join(tab.locator("article .hb-org-contact").inner_text().split())


@pytest.mark.browser
def test_the_licence_page_says_what_the_organisation_changed(tab, org_url):
    tab.goto(org_url + "reference/licence/")
    article = " ".join(tab.locator("article").inner_text().split())
    assert ADAPTED in article
    assert ("Example Health added its name, its logo, its colours, a contact line, notes on 1 item, "
            "items of its own (1 checklist entry, 2 interview questions) and its own words for "
            "some of the handbook's terms.") in article
    # The shared handbook's terms are all still there.
    assert "CC BY-NC-SA 4.0" in article and "The sources' terms" in article


@pytest.mark.browser
def test_printed_pages_are_headed_with_the_organisations_name(tab, org_url):
    for text in printed(tab, org_url + CHECKLIST):
        assert f"{SITE_NAME} · Edition {EDITION}" in text


@pytest.mark.browser
def test_embedded_sections_name_the_organisation(tab, org_url):
    tab.goto(org_url + "embed/onboard-onboarding-checklist/")
    assert tab.title() == f"Onboarding checklist · {SITE_NAME}"
    footer = " ".join(tab.locator(".hb-embed__footer").inner_text().split())
    assert footer.startswith(f"From the {SITE_NAME}, edition {EDITION}")
    assert "CC BY-NC-SA 4.0" in footer
    # In the organisation's colours, and keeping the answers apart as the full page does.
    link = tab.locator(".hb-embed__footer a").first
    assert link.evaluate("e => getComputedStyle(e).color") == "rgb(156, 61, 16)"
    tab.locator(".hb-toolbar").first.wait_for()
    tab.locator(".hb-check__input").first.check()
    [key] = tab.evaluate("Object.keys(localStorage)")
    assert "hb@example-health:" in key


def test_word_files_are_headed_with_the_organisations_name(org_site):
    document = Document(org_site / "downloads/job-descriptions/blank.docx")
    assert [p.text for p in document.sections[0].header.paragraphs] == [f"{SITE_NAME}, edition {EDITION}"]
    assert document.paragraphs[-1].text.startswith(f"From the {SITE_NAME}, edition {EDITION}")


@pytest.mark.browser
def test_a_job_description_drafted_in_the_builder_names_the_organisation(tab, org_url, tmp_path):
    tab.goto(org_url + "recruit/job-description-builder/")
    tab.locator(".hb-builder:not([hidden])").wait_for()
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Download for Word (.docx)").click()
    download.value.save_as(tmp_path / "draft.docx")
    last = Document(tmp_path / "draft.docx").paragraphs[-1].text
    assert last == f"Drafted with the {SITE_NAME}, edition {EDITION}."


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", CHECKLIST, "embed/onboard-onboarding-checklist/"])
def test_branded_pages_have_no_accessibility_violations(tab, org_url, path):
    tab.goto(org_url + path)
    tab.locator("html[data-tools-started]").wait_for(state="attached")
    assert_accessible(tab)


def test_branded_pages_are_valid_html(org_site):
    pages = [org_site / path / "index.html" for path in
             ("", "reference/licence", CHECKLIST, "embed/onboard-onboarding-checklist")]
    assert [message for message in check(pages) if known_material_error(message) is None] == []


@pytest.mark.browser
def test_answers_are_kept_apart_from_the_shared_handbooks_at_the_same_address(tab, org_url):
    def ticked():
        tab.locator(".hb-toolbar").first.wait_for()
        return [box.is_checked() for box in tab.locator(".hb-check__input").all()[:2]]

    tab.goto(org_url + CHECKLIST)
    assert ticked() == [False, False]
    tab.locator(".hb-check__input").first.check()
    tab.reload()
    assert ticked() == [True, False]
    assert tab.evaluate("Object.keys(localStorage)") == [ORG_KEY]

    # The shared handbook's page at the same address: the same page without the
    # organisation's name, which the store reads.
    def as_shared(route):
        page = route.fetch().text()
        route.fulfill(body="\n".join(line for line in page.splitlines() if "hb-organisation" not in line),
                      content_type="text/html")
    tab.route(org_url + CHECKLIST, as_shared)
    tab.reload()
    assert ticked() == [False, False]
    tab.locator(".hb-check__input").nth(1).check()
    assert sorted(tab.evaluate("Object.keys(localStorage)")) == sorted([ORG_KEY, f"/hb:{EDITION}:checklist:onboarding"])

    tab.unroute(org_url + CHECKLIST)
    tab.reload()
    assert ticked() == [True, False]


@pytest.mark.browser
def test_answers_carry_over_between_the_organisations_own_editions(tab, org_url):
    tab.goto(org_url + CHECKLIST)
    tab.locator(".hb-toolbar").first.wait_for()
    first = tab.locator("li.hb-check").first
    old = {"format": "peer-roles-handbook/answers", "tool": "checklist:onboarding", "edition": "2025.1",
           "saved": "2025-06-01T00:00:00Z",
           "answers": {first.get_attribute("data-item"): {"checked": True, "note": "",
                                                          "hash": first.get_attribute("data-hash")}}}
    tab.evaluate("record => localStorage.setItem('/hb@example-health:2025.1:checklist:onboarding', "
                 "JSON.stringify(record))", old)
    tab.reload()
    tab.locator(".hb-toolbar").first.wait_for()
    assert tab.locator(".hb-check__input").first.is_checked()


# --- The shared handbook is untouched ------------------------------------------------

def test_the_shared_handbook_builds_as_before(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "<title>Peer Roles Handbook</title>" in home
    assert "hb-organisation" not in home and "hb-org-" not in home
    assert "Peer Roles Handbook · Edition" in home
    assert not (built_site / "assets/organisation").exists()
    licence = (built_site / "reference/licence/index.html").read_text(encoding="utf-8")
    assert "Adapted by" not in licence
    document = Document(built_site / "downloads/job-descriptions/blank.docx")
    assert [p.text for p in document.sections[0].header.paragraphs] in ([], [""])
    assert document.paragraphs[-1].text.startswith(f"From the Peer Roles Handbook, edition {EDITION}")


# --- Overlays with mistakes ------------------------------------------------------------

GOOD = """\
name: Example Health
logo: logo.svg
colours:
  primary: "#1d5c3a"
  accent: "#9c3d10"
contact: Ask the peer workforce lead.
upstream:
  site: https://handbook.example.org/
  edition: "2026.1"
"""

# case -> (what replaces what in GOOD, line, field, words the message must contain)
MISTAKES = {
    "malformed colour": (('"#1d5c3a"', '"#1d5c3"'), 4, "colours.primary",
                         "expected a colour written #RRGGBB"),
    "unquoted colour": (('"#1d5c3a"', '#1d5c3a'), 4, "colours.primary", "in quotes: YAML reads # as a comment"),
    "low-contrast primary": (('"#1d5c3a"', '"#7fbf7f"'), 4, "colours.primary",
                             "#7fbf7f has a contrast of 2.17:1 with the white text of the header and "
                             "buttons; it needs at least 4.5:1"),
    "low-contrast accent": (('"#9c3d10"', '"#ff9900"'), 5, "colours.accent",
                            "#ff9900 has a contrast of 1.92:1 with the pale panels (#eff4f1)"),
    "missing logo": (("logo.svg", "lgoo.svg"), 2, "logo", "the file 'lgoo.svg' is not in the overlay folder"),
    "unknown key": (("contact:", "contcat:"), 6, "contcat", "unknown field 'contcat'; did you mean 'contact'?"),
    "missing name": (("name: Example Health\n", ""), 1, "", "missing required field 'name'"),
    "contact with HTML": (("Ask the peer", "Ask <b>the</b> peer"), 6, "contact",
                          "contains HTML ('<b>the</b> peer work...')"),
    "two-line contact": (("contact: Ask the peer workforce lead.",
                          'contact: "Ask the peer workforce lead.\\nOr the manager."'), 6, "contact",
                         "expected one line of text"),
    "upstream not a web address": (("https://handbook", "ftp://handbook"), 8, "upstream.site",
                                   "starting http:// or https://"),
}


def overlay(folder: Path, text: str, logo: str = '<svg xmlns="http://www.w3.org/2000/svg"/>') -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "organisation.yml").write_text(text, encoding="utf-8")
    (folder / "logo.svg").write_text(logo, encoding="utf-8")
    return folder


def refusal(folder: Path) -> Problem:
    with pytest.raises(DataError) as refused:
        load_organisation(folder, ROOT / "data" / "schema", folder.parent)
    [problem] = refused.value.problems
    assert str(refused.value).startswith("The organisation overlay has 1 problem:")
    return problem


def test_a_good_overlay_loads(tmp_path):
    organisation = load_organisation(overlay(tmp_path / "org", GOOD), ROOT / "data" / "schema", tmp_path)
    assert (organisation.name, organisation.primary, organisation.upstream_edition) == \
        ("Example Health", "#1d5c3a", "2026.1")


@pytest.mark.parametrize("case", sorted(MISTAKES))
def test_each_mistake_is_one_message_with_file_line_and_field(tmp_path, case):
    (old, new), line, field, words = MISTAKES[case]
    assert old in GOOD
    problem = refusal(overlay(tmp_path / "org", GOOD.replace(old, new)))
    assert (problem.file, problem.line, problem.field) == ("org/organisation.yml", line, field)
    assert words in problem.message


def test_a_logo_that_is_not_an_image_is_refused(tmp_path):
    problem = refusal(overlay(tmp_path / "org", GOOD, logo="<html>not a logo</html>"))
    assert (problem.line, problem.field) == (2, "logo")
    assert "'logo.svg' is not an SVG image" in problem.message


@pytest.mark.parametrize("active", ['<script>alert(1)</script>', '<g onload="alert(1)"/>',
                                    '<image href="https://example.org/a.png"/>',
                                    '<image xlink:href="javascript:alert(1)"/>',
                                    '<rect style="fill: url(//example.org/x.svg#p)"/>'])
def test_a_logo_that_does_more_than_show_a_picture_is_refused(tmp_path, active):
    logo = f'<svg xmlns="http://www.w3.org/2000/svg">{active}</svg>'
    problem = refusal(overlay(tmp_path / "org", GOOD, logo=logo))
    assert (problem.line, problem.field) == (2, "logo")
    assert "a logo is a picture: no scripts, event attributes or files from other hosts" in problem.message


@pytest.mark.parametrize("make, what", [(lambda p: p.mkdir(), "holds no organisation.yml"),
                                        (lambda p: None, "does not exist"),
                                        (lambda p: p.write_text("x"), "is not a folder")])
def test_a_folder_that_is_not_an_overlay_is_named(tmp_path, make, what):
    make(tmp_path / "org")
    problem = refusal(tmp_path / "org")
    assert problem.file == "org" and problem.message.startswith(what)


def test_an_overlay_inside_the_handbooks_own_folders_is_refused(tmp_path):
    folder = overlay(tmp_path / "docs" / "org", GOOD)
    with pytest.raises(DataError) as refused:
        load_organisation(folder, ROOT / "data" / "schema", tmp_path,
                          handbook_folders=(tmp_path / "data", tmp_path / "docs"))
    assert str(refused.value.problems[0]) == (
        "docs/org: lies inside the handbook's docs/: keep the overlay in a folder of its own, "
        "which a new edition of the handbook never touches")


def test_the_build_stops_before_writing_pages_with_one_clear_message(tmp_path):
    folder = overlay(tmp_path / "org", GOOD.replace('"#1d5c3a"', '"#7fbf7f"'))
    result = run_mkdocs("build", "--strict", "--site-dir", str(tmp_path / "site"),
                        env={"HANDBOOK_ORG": str(folder)})
    assert result.returncode != 0
    assert f"{folder}/organisation.yml:4: colours.primary: #7fbf7f has a contrast of 2.17:1" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_org_is_taken_from_anywhere_among_the_scripts_arguments(tmp_path):
    """scripts/build and scripts/serve read --org through scripts/organisation.sh."""
    def parsed(*args):
        script = 'helper="$1"; shift; source "$helper"; printf "%s\\n" "${HANDBOOK_ORG-unset}" "${ARGS[@]}"'
        result = subprocess.run(["bash", "-c", script, "bash", str(ROOT / "scripts/organisation.sh"), *args],
                                cwd=tmp_path, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
        return result.returncode, result.stdout.splitlines(), result.stderr

    assert parsed("-q", "--org", "my org", "--site-dir", "out")[:2] == \
        (0, [f"{tmp_path}/my org", "-q", "--site-dir", "out"])
    assert parsed("--org=/srv/org")[:2] == (0, ["/srv/org"])
    assert parsed("--site-dir", "out")[:2] == (0, ["unset", "--site-dir", "out"])
    code, _, message = parsed("--org")
    assert code == 2 and "--org needs the overlay folder" in message
    for script in ("build", "serve"):
        assert 'source "$(dirname "$0")/organisation.sh"' in (ROOT / "scripts" / script).read_text()


def test_contrast_is_wcags_ratio():
    assert round(colours.contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(colours.contrast("#0b4a59", "#ffffff"), 1) == 9.8  # identity.css's petrol
