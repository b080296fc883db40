"""Hostile data (tests/fixtures/hostile/): each text payload and each file past the
loader's bounds is refused with one problem naming file, line, field and what is
allowed, never a traceback; braces that pass the rule stay text and never move an anchor."""
import json
import shutil
import subprocess
import sys
import unicodedata

import pytest
import yaml
from bs4 import BeautifulSoup
from markdown import markdown

from conftest import FIXTURES, ROOT, make_data_dir, run_mkdocs
from macros.handbook import load_handbook
from macros.problems import DataError
from macros.render import Renderer, _tidy, markdown_heading
from macros.safe_text import INVISIBLE, MAX_TEXT
from macros.word import write_docx

HOSTILE = FIXTURES / "hostile"
TEXT_CASES = yaml.safe_load((HOSTILE / "text.yml").read_text(encoding="utf-8"))
GOOD_VALUES = (FIXTURES / "good" / "values.yml").read_text(encoding="utf-8")
# Fields of the first value in the good fixture: line, path, and the text they hold.
FIELDS = {"name": (6, "items[0].name", "Mutuality"),
          "meaning": (7, "items[0].meaning", "Both people *learn* from each other & share power."),
          "where": (12, "items[0].sources[0].where", "Values, p. 5")}
MARKDOWN_ALLOWED = ("text fields allow plain text, *emphasis*, **strong**, `code` and "
                    "[links](address) to https:, http: or mailto: addresses, relative paths "
                    "and #anchors")
CHARACTERS_ALLOWED = "text may hold visible characters, spaces, tabs and line breaks only"
# A name that the rule lets through: braces are text, even where attr_list would read them.
BRACED_NAME = "Mutuality {sometimes} {onfocus autofocus}"


def values_with(field: str, text: str) -> str:
    """The good values.yml with the first value's field set to text (a JSON string is a
    valid double-quoted YAML string)."""
    number, _, original = FIELDS[field]
    line = GOOD_VALUES.splitlines(keepends=True)[number - 1]
    assert line.endswith(f"{field}: {original}\n")
    return GOOD_VALUES.replace(line, line.replace(original, json.dumps(text)), 1)


def refusal(tmp_path, values: str) -> DataError:
    data = make_data_dir(tmp_path)
    (data / "values.yml").write_text(values, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_handbook(data, root=tmp_path)
    return caught.value


@pytest.mark.parametrize("case", sorted(TEXT_CASES))
def test_hostile_text_is_refused_with_file_line_field_and_what_is_allowed(tmp_path, case):
    field, text, words = (TEXT_CASES[case][key] for key in ("field", "text", "refusal"))
    error = refusal(tmp_path, values_with(field, text))
    line, path, _ = FIELDS[field]
    where = f"data/values.yml:{line}: {path} (item 'mutuality'): "
    # One problem per kind of thing wrong: '<javascript:...>' is HTML and a bad address.
    located = [p for p in error.problems if str(p).startswith(where)]
    matching = [p for p in located if words in p.message]
    assert len(matching) == 1, str(error)
    problem = matching[0]
    allowed = CHARACTERS_ALLOWED if "invisible character" in words else MARKDOWN_ALLOWED
    assert allowed in problem.message
    assert f"  - {where}{problem.message}" in str(error)


def long_field() -> str:
    return values_with("meaning", "Both people learn together. " * 400)


def many_brackets() -> str:
    return values_with("meaning", "Both people learn " + "[" * 30_000)


def deep_nesting() -> str:
    return GOOD_VALUES + "deep: " + "[" * 1000 + "]" * 1000 + "\n"


def oversized_file() -> str:
    return GOOD_VALUES + ("# padding\n" * 210_000)


def long_number() -> str:
    return GOOD_VALUES.replace("name: Mutuality", "name: " + "9" * 5000)


def raw_control_character() -> str:
    # Non-ASCII text before it: libyaml counts positions in bytes, lines in characters.
    return GOOD_VALUES.replace("Test values.", "Test values, café.").replace(
        "name: Hope", "name: Ho\x07pe")


def binary_value() -> str:
    return GOOD_VALUES.replace("name: Mutuality", "name: !!binary aGVsbG8=")


def fixture_file(name: str):
    return lambda: (HOSTILE / "files" / name).read_text(encoding="utf-8")


# case -> (the values.yml to load, line, field, words of the message)
FILE_CASES = {
    "alias-bomb": (fixture_file("alias-bomb.yml"), 4, "",
                   "uses an anchor ('&lol1'); data files write every value out in full, "
                   "without anchors or aliases"),
    "self-referencing-anchor": (fixture_file("self-referencing-anchor.yml"), 5, "",
                                "uses an anchor ('&item')"),
    "alias-reuse": (fixture_file("alias-reuse.yml"), 9, "", "uses an anchor ('&cited')"),
    "alias-without-anchor": (fixture_file("alias-only.yml"), 4, "",
                             "uses an alias ('*undefined'); data files write every value out in "
                             "full, without anchors or aliases"),
    "python-object-tag": (fixture_file("python-object-tag.yml"), 6, "",
                          "is not valid YAML: could not determine a constructor for the tag "
                          "'tag:yaml.org,2002:python/object/apply:os.system'"),
    "non-text-field-name": (fixture_file("non-text-key.yml"), 10, "",
                            "has a field name that is not text (1); field names are words "
                            "such as 'name'"),
    # The deep list starts on the line after the good file's last line.
    "nesting-depth-1000": (deep_nesting, GOOD_VALUES.count("\n") + 1, "",
                           "nests lists and blocks more than 20 levels deep; data files nest at "
                           "most 20 levels"),
    "oversized-file": (oversized_file, 1, "", "is 2.1 MB; a data file may hold at most 2 MB"),
    "oversized-field": (long_field, 7, "items[0].meaning (item 'mutuality')",
                        "is 11,200 characters long; a text field holds at most 10,000"),
    "30000-brackets": (many_brackets, 7, "items[0].meaning (item 'mutuality')",
                       "is 30,018 characters long; a text field holds at most 10,000"),
    "number-too-long": (long_number, 6, "", "is not valid YAML: could not read "
                        "'99999999999999999999...' as a whole number"),
    "tag-on-a-field-name": (lambda: GOOD_VALUES.replace(" meaning: Both", " !!float meaning: Both"),
                            7, "", "is not valid YAML: could not read 'meaning' as a number"),
    "raw-control-character": (raw_control_character, 15, "",
                              "contains the invisible character U+0007; text may hold visible "
                              "characters, spaces, tabs and line breaks only"),
    "binary-value": (binary_value, 6, "", "is not valid YAML: could not determine a constructor "
                     "for the tag 'tag:yaml.org,2002:binary'"),
}


@pytest.mark.parametrize("case", sorted(FILE_CASES))
def test_hostile_files_are_refused_with_one_located_problem(tmp_path, case):
    make, line, field, words = FILE_CASES[case]
    error = refusal(tmp_path, make())
    [problem] = error.problems
    assert (problem.file, problem.line, problem.field) == ("data/values.yml", line, field)
    assert words in problem.message, str(error)


def test_brackets_under_the_length_limit_are_refused_before_markdown_sees_them(tmp_path):
    error = refusal(tmp_path, values_with("meaning", "Both people learn " + "[" * 9000))
    [problem] = error.problems
    assert "has square brackets that are unpaired or nested" in problem.message


def test_every_problem_in_every_field_is_listed_at_once(tmp_path):
    values = values_with("name", "Mutuality {: onclick=alert(1)}").replace(
        "meaning: Recovery is possible for everyone.",
        'meaning: "Recovery [is](javascript:alert(1)) \\u200B possible."')
    error = refusal(tmp_path, values)
    found = {(p.line, p.message.split(" (")[0].split(";")[0]) for p in error.problems}
    assert found == {(6, "contains an attribute list"),
                     (16, "contains the invisible character U+200B at character 36"),
                     (16, "links to 'javascript:' addresses are not allowed")}


def test_the_invisible_characters_are_unicodes_control_and_format_characters():
    expected = {chr(c) for c in range(sys.maxunicode + 1)
                if unicodedata.category(chr(c)) in ("Cc", "Cf", "Cs")} - {"\t", "\n"}
    expected |= {"\ufffe", "\uffff"}  # not allowed in XML, so not in a Word file
    found = {chr(c) for c in range(sys.maxunicode + 1) if INVISIBLE.match(chr(c))}
    assert found == expected


def test_allowed_markdown_and_plain_punctuation_pass(tmp_path):
    text = ("Both *people* **learn** `together`: see [the guide](../guide/#start), "
            "[a site](https://example.org/a_(b)), [mail](mailto:a@example.org), "
            "[here](#hope), R&D, AT&T, 3 < 4, a < b and [name the setting] {sometimes}.")
    data = make_data_dir(tmp_path)
    (data / "values.yml").write_text(values_with("meaning", text), encoding="utf-8")
    assert load_handbook(data, root=tmp_path)["values"].items[0]["meaning"] == text


# --- Braces stay text wherever data is shown ---

def test_braces_in_a_heading_are_text_and_the_anchor_is_the_id():
    html = markdown(markdown_heading(2, BRACED_NAME + "\n and more", "mutuality"),
                    extensions=["attr_list", "toc"])
    heading = BeautifulSoup(html, "html.parser").h2
    assert heading["id"] == "mutuality" and list(heading.attrs) == ["id"]
    assert heading.get_text() == BRACED_NAME + " and more"


def test_a_data_line_starting_with_a_hash_stays_inside_its_block():
    block = '<div class="hb-item">\n<p>\n# Not a heading {onclick}\n</p>\n</div>'
    assert _tidy(block) == block + "\n"


def test_braces_render_as_text_on_the_page(tmp_path):
    data = make_data_dir(tmp_path)
    (data / "values.yml").write_text(values_with("name", BRACED_NAME).replace(
        "Both people *learn*", "Both {people} *learn*"), encoding="utf-8")
    renderer = Renderer(load_handbook(data, root=tmp_path))
    text = renderer.render("values.html", "values", "foundations/values/", primary=[])
    soup = BeautifulSoup(markdown(text, extensions=["attr_list", "toc", "md_in_html"]),
                         "html.parser")
    heading = soup.find(id="mutuality")
    assert heading.name == "h2" and heading.get_text() == BRACED_NAME
    assert "Both {people} learn" in soup.find(attrs={"data-item": "mutuality"}).get_text()
    assert not [a for tag in soup.find_all(True) for a in tag.attrs
                if a.startswith("on") or a in ("autofocus", "sometimes")]


def test_braces_in_word_files_are_text(tmp_path):
    from docx import Document

    draft = {"title": BRACED_NAME, "excluded": [], "parts": [
        {"heading": "Purpose {: .x}", "sections": [{"heading": "", "text": "Work {with} us",
                                                   "points": ["Listen {well}"]}]}]}
    write_docx(draft, tmp_path / "jd.docx", footer="Footer", sources=[])
    text = [p.text for p in Document(tmp_path / "jd.docx").paragraphs]
    assert text[:4] == [BRACED_NAME, "Purpose {: .x}", "Work {with} us", "Listen {well}"]


def test_a_built_site_shows_braces_in_a_name_and_keeps_the_anchor(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    values = data / "values.yml"
    values.write_text(values.read_text(encoding="utf-8").replace(
        "    name: Mutuality\n", f"    name: {json.dumps(BRACED_NAME)}\n", 1), encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs("build", "--strict", "--site-dir", str(site),
                        env={"HANDBOOK_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((site / "foundations/values/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    heading = page.find(id="mutuality")
    assert heading.name == "h2"
    assert heading.get_text().removesuffix("¶") == BRACED_NAME
    assert page.select_one('nav a[href="#mutuality"]').get_text(strip=True) == BRACED_NAME
    handlers = [(tag.name, attr) for tag in page.find_all(True) for attr in tag.attrs
                if attr.startswith("on") or attr in ("autofocus", "sometimes")]
    assert handlers == []


# --- Command line: a wrong folder or option is named, never a traceback ---

def test_the_build_refuses_a_missing_data_folder_by_name(tmp_path):
    result = run_mkdocs("build", "--strict", "--site-dir", str(tmp_path / "site"),
                        env={"HANDBOOK_DATA_DIR": str(tmp_path / "nowhere")})
    assert result.returncode != 0
    assert "nowhere: does not exist: a data folder holds one YAML file" in result.stderr
    assert "Traceback" not in result.stderr and "KeyError" not in result.stderr


def test_the_build_refuses_a_data_folder_without_schemas(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "values.yml").write_text(GOOD_VALUES, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_handbook(tmp_path / "data", root=tmp_path)
    assert str(caught.value).endswith("  - data: has no collection schemas in schema/: a data "
                                      "folder holds one YAML file per collection and its schema, "
                                      "schema/<name>.schema.json")


def alias_bomb_data(tmp_path):
    data = make_data_dir(tmp_path)
    shutil.copy(HOSTILE / "files" / "alias-bomb.yml", data / "values.yml")
    return data


def not_a_site(tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>Other</title>", encoding="utf-8")
    return tmp_path


# case -> (script, its arguments given the test's folder, exit code, words on stderr)
COMMANDS = {
    "review-missing-folder": ("review.py", lambda tmp: ["--data", str(tmp / "missing")], 1,
                              "  - missing: does not exist: a data folder holds"),
    "review-file-as-folder": ("review.py", lambda tmp: ["--data", str(ROOT / "README.md")], 1,
                              "  - README.md: is not a folder"),
    "review-alias-bomb": ("review.py", lambda tmp: ["--data", str(alias_bomb_data(tmp))], 1,
                          "data/values.yml:4: uses an anchor ('&lol1')"),
    "readability-missing-site": ("readability.py", lambda tmp: [str(tmp / "missing")], 1,
                                 "readability: no built handbook pages in"),
    "pdf-not-a-handbook": ("pdf.py", lambda tmp: ["--site", str(not_a_site(tmp))], 1,
                           "is not a built handbook (no edition, address or Tools page)"),
    "bench-no-runs": ("bench.py", lambda tmp: ["--runs", "0"], 2,
                      "argument --runs: expected a whole number of at least 1, got '0'"),
}


@pytest.mark.parametrize("case", sorted(COMMANDS))
def test_scripts_refuse_bad_input_with_one_message(tmp_path, case):
    script, arguments, code, words = COMMANDS[case]
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / script), *arguments(tmp_path)],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (code, "")
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_the_shared_text_schema_states_the_rule():
    common = json.loads((ROOT / "data/schema/common.schema.json").read_text(encoding="utf-8"))
    rule = common["$defs"]["text"]["description"]
    for words in ("*emphasis*, **strong**, `code`", "https:, http: or mailto:", "relative paths",
                  "#anchors", "character references", "attribute lists", "images",
                  "Braces are plain text", f"At most {MAX_TEXT:,} characters"):
        assert words in rule
