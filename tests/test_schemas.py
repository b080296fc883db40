"""The published schemas and the build's validation agree.

Only standard tools judge the data here: the published files, read from a folder as an
editor reads them (relative $refs resolved among those files and nothing else), and a
plain draft 2020-12 validator that knows nothing of the project's keywords. It checks
`format` as the build does: the standard leaves that to each validator.
"""
import json
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from conftest import FIXTURES, ROOT, dict_nodes, make_data_dir
from macros.handbook import load_handbook
from macros.problems import DataError
from macros.publish import publish_schemas
from macros.yaml_source import YamlSource, field_name

BAD = FIXTURES / "bad"

# Bad data the build rejects but no single-file JSON Schema can, and why. The test below
# checks that these are exactly the fixtures the published schemas accept, so the list
# cannot grow without someone reading it.
BUILD_ONLY = {
    "yaml-syntax": "the file is not YAML, so there is no data for a schema to look at",
    "duplicate-id": "ids must differ from one entry to the next, anywhere in the file; JSON "
                    "Schema can only ask for list entries that differ as a whole (uniqueItems)",
    "one-sided-views": "the views must name two different sources; JSON Schema cannot compare "
                       "a field of one list entry with the same field of another",
    "raw-html": "the rule for text (safe Markdown: no HTML, attribute lists, images, other "
                "addresses or invisible characters) is checked in one place, "
                "macros/safe_text.py, for every text; the schemas state it in words",
}


def validator(folder: Path, name: str) -> Draft202012Validator:
    """A standard validator for one published schema, resolving references relative to
    the file, as an editor would, and refusing any file outside the published folder."""
    def retrieve(uri: str) -> Resource:
        path = Path(unquote(urlparse(uri).path))
        assert path.parent == folder, f"{uri} is not a published schema"
        return Resource.from_contents(json.loads(path.read_text(encoding="utf-8")))

    return Draft202012Validator({"$ref": (folder / f"{name}.schema.json").as_uri()},
                                registry=Registry(retrieve=retrieve),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(folder: Path, path: Path) -> list[str]:
    """Fields of one data file the published schema rejects ('' is the whole file);
    none if the file is not YAML, since then no schema sees it."""
    source = YamlSource(path, f"data/{path.name}")
    if source.data is None:
        return []
    return [field_name(e.absolute_path) for e in validator(folder, path.stem).iter_errors(source.data)]


def encloses(outer: str, field: str) -> bool:
    """Whether the field is outer itself or lies inside it: items[0] encloses items[0].name."""
    return not outer or field == outer or field.startswith((outer + ".", outer + "["))


@pytest.fixture(scope="module")
def fixture_schemas(tmp_path_factory) -> Path:
    """The schemas as a build of the good fixture set publishes them, so that their id
    lists are the fixture's ids, which the bad fixtures are variations of."""
    root = tmp_path_factory.mktemp("fixture-build")
    data = make_data_dir(root)
    publish_schemas(load_handbook(data, root=root), root / "site")
    return root / "site" / "schema"


def build_problems(tmp_path: Path, case: str) -> list:
    with pytest.raises(DataError) as caught:
        load_handbook(make_data_dir(tmp_path, BAD / case), root=tmp_path)
    return caught.value.problems


# The real site

def test_every_schema_is_published_and_valid(built_site):
    published = built_site / "schema"
    assert sorted(p.name for p in published.glob("*.json")) == \
        sorted(p.name for p in (ROOT / "data/schema").glob("*.json"))
    for path in published.glob("*.json"):
        Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


def references(schema):
    """Every schema node with an x-ref."""
    return [node for node in dict_nodes(schema) if "x-ref" in node]


def test_published_references_list_the_ids_of_this_build(built_site):
    handbook = load_handbook(ROOT / "data", root=ROOT)
    for path in (ROOT / "data/schema").glob("*.json"):
        published = list(references(json.loads((built_site / "schema" / path.name).read_text(encoding="utf-8"))))
        assert len(published) == len(list(references(json.loads(path.read_text(encoding="utf-8")))))
        for node in published:
            assert node["enum"] == handbook.ids(node["x-ref"]), (path.name, node["x-ref"])


def test_the_data_schemas_page_links_every_published_schema(built_site):
    page = BeautifulSoup((built_site / "reference/schemas/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    base = "http://site/reference/schemas/"
    linked = {urljoin(base, a["href"]) for a in page.select("article a[href$='.schema.json']")}
    assert linked == {urljoin(base, "../../schema/" + p.name) for p in (built_site / "schema").glob("*.json")}


@pytest.mark.parametrize("name", sorted(p.stem for p in (ROOT / "data").glob("*.yml")))
def test_shipped_data_passes_its_published_schema(built_site, name):
    assert schema_errors(built_site / "schema", ROOT / "data" / f"{name}.yml") == []


# The fixtures

def test_fixture_data_passes_the_fixture_schemas(fixture_schemas):
    # Without this, rejecting the bad fixtures below would prove nothing.
    for path in [*(FIXTURES / "good").glob("*.yml"), *(FIXTURES / "review").glob("*.yml")]:
        assert schema_errors(fixture_schemas, path) == [], path


@pytest.mark.parametrize("case", sorted(p.name for p in BAD.iterdir() if p.name not in BUILD_ONLY))
def test_schemas_reject_what_the_build_rejects_at_the_same_place(tmp_path, fixture_schemas, case):
    problems = build_problems(tmp_path, case)
    rejected = {f"data/{path.name}": schema_errors(fixture_schemas, path) for path in (BAD / case).iterdir()}
    # Some schema error lies in a file and at (or around) a field the build names.
    assert any(encloses(outer, problem.field.split(" (item ")[0])
               for problem in problems for outer in rejected.get(problem.file, [])), \
        f"the build found {[str(p) for p in problems]}; the schemas rejected {rejected}"


def test_only_the_listed_fixtures_need_the_build(tmp_path, fixture_schemas):
    accepted = set()
    for case in (p.name for p in BAD.iterdir()):
        assert build_problems(tmp_path / case, case)
        if not any(schema_errors(fixture_schemas, path) for path in (BAD / case).iterdir()):
            accepted.add(case)
    assert accepted == set(BUILD_ONLY)
