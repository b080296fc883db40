"""Each kind of contributor mistake stops the load with a message naming file, line and field."""
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, make_data_dir
from macros.handbook import load_handbook
from macros.problems import DataError

BAD = FIXTURES / "bad"

# case folder -> (file, line, field, words the message must contain)
CASES = {
    "yaml-syntax": ("data/values.yml", 10, "", "is not valid YAML: while parsing a flow sequence "
                    "(started on line 8)"),
    "missing-field": ("data/values.yml", 5, "items[0] (item 'mutuality')",
                      "missing required field 'meaning'"),
    "wrong-type": ("data/values.yml", 8, "items[0].in_practice (item 'mutuality')",
                   "expected a list, got text"),
    "unknown-field": ("data/values.yml", 7, "items[0].meanin (item 'mutuality')",
                      "unknown field 'meanin'; did you mean 'meaning'?"),
    "duplicate-id": ("data/values.yml", 13, "items[1].id (item 'mutuality')",
                     "duplicate id 'mutuality': already used on line 5"),
    "bad-slug": ("data/values.yml", 5, "items[0].id (item 'Mutuality Value')",
                 "expected a lowercase slug"),
    "unknown-source": ("data/values.yml", 11, "items[0].sources[0].source (item 'mutuality')",
                       "'alfa' is not a known sources id (did you mean 'alpha'?)"),
    "unknown-reference": ("data/misconceptions.yml", 9,
                          "items[0].related_values[0] (item 'no-boundaries')",
                          "'mutualty' is not a known values id (did you mean 'mutuality'?)"),
    "raw-html": ("data/values.yml", 7, "items[0].meaning (item 'mutuality')",
                 "contains HTML ('<script>alert(1)</sc...'); text fields allow plain text"),
    "one-sided-views": ("data/values.yml", 13, "items[0].views (item 'mutuality')",
                        "needs the views of at least two different sources"),
    "empty-collection": ("data/ethics.yml", 13, "items", "the collection is empty"),
    "bad-date": ("data/values.yml", 14, "items[0].review_by (item 'mutuality')",
                 "expected a real date written YYYY-MM-DD, such as 2027-06-30, got text ('30/06/2027')"),
    "impossible-date": ("data/values.yml", 13, "items[0].review_by (item 'mutuality')",
                        "expected a real date written YYYY-MM-DD"),
    "source-without-scope": ("data/sources.yml", 5, "items[0] (item 'alpha')",
                             "missing required field 'scope'"),
}


def load(tmp_path: Path, case: str | None = None):
    data = make_data_dir(tmp_path, BAD / case if case else None)
    return load_handbook(data, root=tmp_path)


def test_every_bad_fixture_has_a_case():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(CASES)


def test_the_good_fixture_loads(tmp_path):
    handbook = load(tmp_path)
    assert len(handbook["values"].items) == 2
    assert handbook.lookup("interview_questions/groups", "alpha-lived-experience")["title"]


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_data_is_reported_precisely(tmp_path, case):
    file, line, field, words = CASES[case]
    with pytest.raises(DataError) as caught:
        load(tmp_path, case)
    located = [p for p in caught.value.problems if (p.file, p.line, p.field) == (file, line, field)]
    assert located, f"no problem at {file}:{line} {field!r}; got:\n{caught.value}"
    assert any(words in p.message for p in located), str(caught.value)
    # The message a contributor sees carries all three locators.
    assert f"{file}:{line}: {field + ': ' if field else ''}" in str(caught.value)


def test_all_problems_are_listed_at_once(tmp_path):
    data = make_data_dir(tmp_path)
    for case in ("unknown-field", "unknown-reference", "empty-collection"):
        for path in (BAD / case).iterdir():
            (data / path.name).write_text(path.read_text())
    with pytest.raises(DataError) as caught:
        load_handbook(data, root=tmp_path)
    files = {p.file for p in caught.value.problems}
    assert files == {"data/values.yml", "data/misconceptions.yml", "data/ethics.yml"}
    assert str(caught.value).startswith(f"The handbook data has {len(caught.value.problems)} problems:")


def test_a_missing_collection_file_is_named(tmp_path):
    data = make_data_dir(tmp_path)
    (data / "ethics.yml").unlink()
    with pytest.raises(DataError) as caught:
        load_handbook(data, root=tmp_path)
    [problem] = caught.value.problems
    assert problem.file == "data/ethics.yml" and "is missing" in problem.message


def test_the_shipped_data_is_valid():
    handbook = load_handbook(ROOT / "data", root=ROOT)
    schemas = {p.name.removesuffix(".schema.json") for p in (ROOT / "data/schema").glob("*.json")}
    assert set(handbook.collections) == schemas - {"common"}
