"""Builds keep parsed and checked data, and rendered blocks, between runs, yet an edit is
always read and checked again: a new value shows, and a mistake is reported, never served
from the cache."""
import json
import os
import subprocess
import sys

import pytest

import macros.cache
from conftest import copy_project, make_data_dir
from macros.cache import BlockCache, inputs_digest
from macros.handbook import load_handbook
from macros.problems import DataError
from macros.render import Renderer


@pytest.fixture
def data(tmp_path):
    return make_data_dir(tmp_path)


def meaning(data, root):
    return load_handbook(data, root=root)["values"].items[0]["meaning"]


def test_an_edited_value_is_read_again(data, tmp_path):
    values = data / "values.yml"
    assert meaning(data, tmp_path) == "Both people *learn* from each other & share power."
    values.write_text(values.read_text().replace("share power", "share decisions"))
    assert meaning(data, tmp_path) == "Both people *learn* from each other & share decisions."


def test_an_edit_that_breaks_a_file_is_reported_every_time(data, tmp_path):
    values = data / "values.yml"
    valid = values.read_text()
    load_handbook(data, root=tmp_path)
    values.write_text(valid.replace("    meaning:", "    meanin:"))
    for _ in range(2):
        with pytest.raises(DataError) as error:
            load_handbook(data, root=tmp_path)
        assert "data/values.yml:7: items[0].meanin (item 'mutuality'): unknown field 'meanin'" \
            in str(error.value)
    values.write_text(valid)
    assert load_handbook(data, root=tmp_path)["values"].items[0]["name"] == "Mutuality"


def test_a_renamed_id_breaks_the_unchanged_files_that_point_to_it(data, tmp_path):
    load_handbook(data, root=tmp_path)
    values = data / "values.yml"
    values.write_text(values.read_text().replace("id: mutuality", "id: reciprocity"))
    with pytest.raises(DataError) as error:
        load_handbook(data, root=tmp_path)
    assert "data/misconceptions.yml:9: items[0].related_values[0] (item 'no-boundaries'): " \
        "'mutuality' is not a known values id" in str(error.value)


def test_a_stricter_schema_checks_the_unchanged_data_again(data, tmp_path):
    load_handbook(data, root=tmp_path)
    schema_file = data / "schema" / "values.schema.json"
    schema = json.loads(schema_file.read_text())
    schema["$defs"]["value"]["properties"]["name"]["maxLength"] = 3
    schema_file.write_text(json.dumps(schema))
    with pytest.raises(DataError) as error:
        load_handbook(data, root=tmp_path)
    assert "data/values.yml:6: items[0].name (item 'mutuality')" in str(error.value)


def test_unchanged_files_are_not_parsed_again(data, tmp_path, monkeypatch):
    load_handbook(data, root=tmp_path)
    values = data / "values.yml"
    values.write_text(values.read_text().replace("share power", "share decisions"))
    parsed = []
    real = macros.cache.YamlSource
    monkeypatch.setattr(macros.cache, "YamlSource",
                        lambda path, label: parsed.append(label) or real(path, label))
    load_handbook(data, root=tmp_path)
    assert parsed == ["data/values.yml"]


def test_blocks_are_rendered_again_when_anything_they_are_made_from_changes(data, tmp_path):
    rendered = []

    def build(page_text: str) -> str:
        book = load_handbook(data, root=tmp_path)
        renderer = Renderer(book)
        blocks = BlockCache(data, inputs_digest([data / "schema"], "use_directory_urls=True"),
                            renderer.digest_of)
        blocks.start_page("foundations/values/", page_text)
        shown = blocks.block(("values_list", None), lambda: rendered.append(1) or renderer.render(
            "values.html", "values", "foundations/values/", primary=[]))
        blocks.save()
        return shown

    assert "share power" in build("# Values") and len(rendered) == 1
    build("# Values")
    assert len(rendered) == 1
    build("# Values, edited")
    assert len(rendered) == 2
    values = data / "values.yml"
    values.write_text(values.read_text().replace("share power", "share decisions"))
    assert "share decisions" in build("# Values, edited") and len(rendered) == 3
    build("# Values, edited")
    assert len(rendered) == 3


def test_a_data_edit_renders_again_only_the_blocks_that_read_that_collection(data, tmp_path):
    """The misconceptions name the values they relate to: they read the values file
    through a cross-reference. The list of sources reads neither file."""
    pages = {"foundations/values/": ("values_list", "values.html", "values"),
             "foundations/misconceptions/": ("misconceptions_list", "misconceptions.html",
                                             "misconceptions"),
             "reference/sources/": ("bibliography", "sources.html", "sources")}

    def build() -> dict[str, tuple[str, bool]]:
        """Each page's block, and whether it was rendered (not reused)."""
        renderer = Renderer(load_handbook(data, root=tmp_path))
        blocks = BlockCache(data, inputs_digest([data / "schema"]), renderer.digest_of)
        shown = {}
        for url, (name, template, collection) in pages.items():
            fresh = []
            blocks.start_page(url, f"# {name}")
            text = blocks.block((name, None), lambda: fresh.append(1) or renderer.render(
                template, collection, url, primary=[]))
            shown[url] = (text, bool(fresh))
        blocks.save()
        return shown

    first = build()
    assert all(fresh for _, fresh in first.values())
    assert not any(fresh for _, fresh in build().values())
    values = data / "values.yml"
    values.write_text(values.read_text().replace("name: Mutuality", "name: Reciprocity"))
    after = build()
    assert {url: fresh for url, (_, fresh) in after.items()} == {
        "foundations/values/": True, "foundations/misconceptions/": True,
        "reference/sources/": False}
    assert ">Reciprocity</a>" in after["foundations/misconceptions/"][0]
    assert ">Mutuality</a>" in first["foundations/misconceptions/"][0]
    assert after["reference/sources/"][0] == first["reference/sources/"][0]


def build_site(project, site, cache):
    """Build the project with its caches in the folder cache."""
    cache.mkdir(exist_ok=True)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
        cwd=project, capture_output=True, text=True, timeout=300,
        env={**os.environ, "TMPDIR": str(cache), "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*")
            # Word files are zip archives, which record when they were written.
            if path.is_file() and path.suffix in {".html", ".json", ".xml", ".js"}}


def test_after_a_data_edit_every_page_is_as_a_build_from_nothing_makes_it(tmp_path):
    """A value renamed in data/values.yml and a macro added to a page, built with the
    blocks and compiled pages an earlier build kept: every page showing the value shows
    the new name (the values page itself, and the pages that name it through a
    cross-reference), the page shows its macro's output, and every file is exactly what
    a build with no cache at all makes, so no page is stale."""
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    build_site(project, tmp_path / "site-before", tmp_path / "cache")
    values = project / "data" / "values.yml"
    text = values.read_text(encoding="utf-8")
    assert text.count("name: Mutuality\n") == 1
    values.write_text(text.replace("name: Mutuality\n", "name: Reciprocal learning\n"),
                      encoding="utf-8")
    # A page's macros are compiled again when its text changes.
    page = project / "docs" / "foundations" / "values.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ "compiled " ~ "again" }}\n',
                    encoding="utf-8")

    cached = build_site(project, tmp_path / "site-cached", tmp_path / "cache")
    fresh = build_site(project, tmp_path / "site-fresh", tmp_path / "empty-cache")

    showing = {path for path, content in cached.items()
               if path.endswith(".html") and b"Reciprocal learning" in content}
    assert {"foundations/values/index.html", "foundations/misconceptions/index.html",
            "recruit/interviewing/index.html", "recruit/interview-sheet/index.html"} <= showing
    assert b"compiled again" in cached["foundations/values/index.html"]
    assert sorted(cached) == sorted(fresh)
    stale = [path for path in cached if cached[path] != fresh[path]]
    assert stale == []
