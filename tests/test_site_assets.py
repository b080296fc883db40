"""Our scripts and styles as the built site serves them (macros/site_assets.py): a
stylesheet's @imports joined in, each shared file once; every file minified without
changing what it does; a script that cannot be read stops the build, naming it."""
import pytest

from macros.site_assets import shrink


def site_with(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        path = tmp_path / "assets" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (tmp_path / "assets" / "js").mkdir(exist_ok=True)
    (tmp_path / "assets" / "css").mkdir(exist_ok=True)
    return tmp_path


def test_a_stylesheet_gets_the_rules_it_imports_each_once_in_order(tmp_path):
    site = site_with(tmp_path, {
        "css/shared.css": "/* shared */\n.shared { margin: 0; }\n",
        "css/fields.css": '@import "shared.css";\n.field { margin: 1px; }\n',
        "css/tool.css": ('/* the tool */\n@import "shared.css";\n@import "fields.css";\n'
                         ".tool { margin: 2px; }\n"),
    })
    shrink(site)
    assert (site / "assets/css/tool.css").read_text() == (
        ".shared{margin:0}.field{margin:1px}.tool{margin:2px}")
    assert (site / "assets/css/shared.css").read_text() == ".shared{margin:0}"


SCRIPT = """
// A comment, dropped.
const quote = (text) => `"${text.replace(/\\/\\*|\\/\\//g, (mark) => `[${mark}]`)}"`;
const describe = (items) => items.map((item, index) =>
  `${index + 1}. ${item.done ? `done: ${quote(item.name)}` : `open // ${item.name} /* kept */`}`).join("\\n");
describe([{ name: "a /* b */ c // d", done: true }, { name: "e `f` ${g}", done: false }]);
"""


@pytest.mark.browser
def test_minified_scripts_do_what_they_did(browser, tmp_path):
    site = site_with(tmp_path, {"js/tool.js": SCRIPT})
    shrink(site)
    minified = (site / "assets/js/tool.js").read_text()
    assert "A comment" not in minified and len(minified) < len(SCRIPT) * 0.8
    tab = browser.new_page()
    try:
        assert tab.evaluate(minified) == tab.evaluate(SCRIPT) == (
            '1. done: "a [/*] b */ c [//] d"\n2. open // e `f` ${g} /* kept */')
    finally:
        tab.close()


def test_a_script_that_cannot_be_read_stops_the_build_naming_it(tmp_path):
    site = site_with(tmp_path, {"js/broken.js": "const fine = 1;\nconst broken = ;\n"})
    with pytest.raises(ValueError) as refused:
        shrink(site)
    message = str(refused.value)
    assert message.startswith("assets/js/broken.js could not be minified: ")
    assert "line 2" in message
    # Nothing half-written is left beside it.
    assert [p.name for p in (site / "assets/js").iterdir()] == ["broken.js"]
