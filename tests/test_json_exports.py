"""Every collection published as JSON for intranets: it parses, passes its published
schema, holds as many items as the data, and the index lists them all."""
import json

import pytest

from conftest import EDITION, ROOT, search_documents
from test_schemas import validator

COLLECTIONS = sorted(p.stem for p in (ROOT / "data").glob("*.yml"))


@pytest.mark.parametrize("name", COLLECTIONS)
def test_each_collection_is_published_as_valid_json(built_site, handbook, name):
    data = json.loads((built_site / "data" / f"{name}.json").read_text(encoding="utf-8"))
    assert list(validator(built_site / "schema", name).iter_errors(data)) == []
    assert len(data["items"]) == len(handbook[name].items)
    assert [item["id"] for item in data["items"]] == [item["id"] for item in handbook[name].items]


def test_the_index_lists_every_collection_with_its_schema(built_site, site_url, handbook):
    index = json.loads((built_site / "data" / "index.json").read_text(encoding="utf-8"))
    assert index["edition"] == EDITION
    assert [entry["name"] for entry in index["collections"]] == COLLECTIONS
    for entry in index["collections"]:
        assert entry["url"] == f"{site_url}data/{entry['name']}.json"
        assert entry["schema"] == f"{site_url}schema/{entry['name']}.schema.json"
        assert (built_site / "schema" / f"{entry['name']}.schema.json").is_file()
        assert entry["items"] == len(handbook[entry["name"]].items)


def test_json_files_are_left_out_of_search(built_site):
    documents = search_documents(built_site)
    assert not [doc["location"] for doc in documents if doc["location"].startswith("data/")]
