"""Our scripts and styles as the built site serves them (macros/site_assets.py): a
stylesheet's @imports joined in, each shared file once; every file minified without
changing what it does, and minified again only once changed; a script that cannot be
read stops the build, naming it."""
import pytest

from macros import site_assets
from macros.site_assets import shrink


@pytest.fixture(autouse=True)
def kept(tmp_path, monkeypatch):
    """Minified files kept in this test's own folder."""
    folder = tmp_path / "kept"
    monkeypatch.setattr(site_assets, "FOLDER", folder)
    return folder


def site_with(site, files: dict[str, str]):
    for folder in ("js", "css"):
        (site / "assets" / folder).mkdir(parents=True)
    for name, text in files.items():
        (site / "assets" / name).write_text(text, encoding="utf-8")
    return site


def test_a_stylesheet_gets_the_rules_it_imports_each_once_in_order(tmp_path):
    site = site_with(tmp_path / "site", {
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
    site = site_with(tmp_path / "site", {"js/tool.js": SCRIPT})
    shrink(site)
    minified = (site / "assets/js/tool.js").read_text()
    assert "A comment" not in minified and len(minified) < len(SCRIPT) * 0.8
    tab = browser.new_page()
    try:
        assert tab.evaluate(minified) == tab.evaluate(SCRIPT) == (
            '1. done: "a [/*] b */ c [//] d"\n2. open // e `f` ${g} /* kept */')
    finally:
        tab.close()


def test_a_script_that_cannot_be_read_stops_the_build_naming_it(tmp_path, kept):
    site = site_with(tmp_path / "site", {"js/broken.js": "const fine = 1;\nconst broken = ;\n"})
    with pytest.raises(ValueError) as refused:
        shrink(site)
    message = str(refused.value)
    assert message.startswith("assets/js/broken.js could not be minified: ")
    assert "line 2" in message
    # Nothing half-written is left beside it, or kept for the next build.
    assert [p.name for p in (site / "assets/js").iterdir()] == ["broken.js"]
    assert not list(kept.iterdir())


def test_a_build_minifies_again_only_what_changed(tmp_path, kept):
    script = "const a = 1 + 1;\n"
    first = site_with(tmp_path / "first", {"js/a.js": script, "css/b.css": "b { margin: 0; }\n"})
    shrink(first)
    assert len(list(kept.iterdir())) == 2
    second = site_with(tmp_path / "second", {"js/a.js": script, "css/b.css": "b { margin: 1px; }\n"})
    shrink(second)
    assert len(list(kept.iterdir())) == 3
    assert (second / "assets/js/a.js").read_text() == (first / "assets/js/a.js").read_text()
    assert (second / "assets/css/b.css").read_text() == "b{margin:1px}"
