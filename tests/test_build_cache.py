"""Builds keep parsed and checked data, and rendered blocks, between runs, yet an edit is
always read and checked again: a new value shows, and a mistake is reported, never served
from the cache."""
import json

import pytest

import macros.cache
from conftest import make_data_dir
from macros.cache import BlockCache, inputs_digest
from macros.handbook import load_handbook
from macros.problems import DataError


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
        blocks = BlockCache(data, inputs_digest([data], "use_directory_urls=True"))
        blocks.start_page("foundations/values/", page_text)
        shown = blocks.block(("values_list", None),
                             lambda: rendered.append(1) or f"render {len(rendered)}")
        blocks.save()
        return shown

    assert build("# Values") == "render 1"
    assert build("# Values") == "render 1"
    assert build("# Values, edited") == "render 2"
    values = data / "values.yml"
    values.write_text(values.read_text().replace("share power", "share decisions"))
    assert build("# Values, edited") == "render 3"
    assert build("# Values, edited") == "render 3"
