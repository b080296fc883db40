"""Reading YAML with line numbers, so every problem can point at the line to fix."""
from macros.yaml_source import YamlSource, field_name


def write(tmp_path, text):
    path = tmp_path / "values.yml"
    path.write_text(text, encoding="utf-8")
    return YamlSource(path, "data/values.yml")


def test_lines_point_at_keys_and_list_entries(tmp_path):
    source = write(tmp_path, "title: T\nitems:\n  - id: a\n    name: A\n  - id: b\n")
    assert source.line_of(("title",)) == 1
    assert source.line_of(("items", 0)) == 3
    assert source.line_of(("items", 0, "name")) == 4
    assert source.line_of(("items", 1, "id")) == 5
    # A missing field is reported at its nearest existing parent.
    assert source.line_of(("items", 1, "meaning")) == 5


def test_field_names_read_like_the_file():
    assert field_name(("items", 3, "sources", 0, "where")) == "items[3].sources[0].where"
    assert field_name(()) == ""


def test_syntax_error_names_the_line(tmp_path):
    source = write(tmp_path, "title: T\nitems:\n  - id: a\n   name: [unclosed\n")
    assert source.data is None
    [problem] = source.problems
    assert problem.file == "data/values.yml"
    assert problem.line == 4
    assert "is not valid YAML" in problem.message


def test_repeated_key_is_reported_not_silently_overwritten(tmp_path):
    source = write(tmp_path, "title: T\nitems:\n  - id: a\n    name: A\n    name: B\n")
    [problem] = source.problems
    assert (problem.line, problem.field) == (5, "items[0].name")
    assert "appears twice" in problem.message and "line 4" in problem.message


def test_dates_stay_as_written(tmp_path):
    source = write(tmp_path, "items:\n  - review_by: 2027-06-30\n    reviewed: '2026-06-30'\n")
    assert source.data["items"][0] == {"review_by": "2027-06-30", "reviewed": "2026-06-30"}
