"""Review dates: every kind of entry that cites sources accepts them, they are not content
changes between editions, and scripts/review.py on fixture data with dates
(tests/fixtures/review), seen from 2026-06-01, lists what is overdue and what is due
soon, and never fails a build."""
import json
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT, dict_nodes, make_data_dir
from macros.editions import compare, snapshot
from macros.handbook import load_handbook
from macros.placement import Placements

TODAY = "2026-06-01"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return make_data_dir(tmp_path_factory.mktemp("review"), FIXTURES / "review")


def review(data, *options, today=TODAY):
    result = subprocess.run([sys.executable, str(ROOT / "scripts/review.py"), "--data", str(data),
                             "--today", today, *options], capture_output=True, text=True, timeout=60)
    return result.returncode, result.stdout.splitlines()


def test_overdue_entries_are_listed_with_file_and_line(data):
    code, lines = review(data)
    assert code == 0
    assert lines == [
        "data/ethics.yml:5: ethics/objectives 'objective-rights' (Promote the rights of people "
        "using services.): review was due 2026-05-31; last reviewed 2025-05-31",
        "data/values.yml:5: values 'mutuality' (Mutuality): review was due 2026-03-01; "
        "last reviewed 2025-03-01",
        "Reviews: 2 overdue.",
        "6 of 11 entries that cite sources have no review date at all.",
    ]


def test_within_adds_entries_due_soon_but_not_later_ones(data):
    code, lines = review(data, "--within", "30")
    assert code == 0
    # Due today counts as due soon, not overdue; a quoted date reads like an unquoted one.
    assert lines[2:] == [
        "data/ethics.yml:13: ethics 'voluntary' (Voluntary): review is due 2026-06-01; "
        "last reviewed never",
        "data/values.yml:15: values 'hope' (Hope): review is due 2026-06-20; last reviewed never",
        "Reviews: 2 overdue, 2 due within 30 days.",
        "6 of 11 entries that cite sources have no review date at all.",
    ]
    # Due on 2027-01-01: not yet worth a line.
    assert not any("no-boundaries" in line for line in lines)


def test_nothing_due_is_still_a_success(data):
    code, lines = review(data, "--within", "30", today="2020-01-01")
    assert code == 0
    assert lines == ["Reviews: 0 overdue, 0 due within 30 days.",
                     "6 of 11 entries that cite sources have no review date at all."]


def test_data_with_problems_is_reported_not_reviewed(tmp_path):
    data = make_data_dir(tmp_path, FIXTURES / "bad" / "bad-date")
    result = subprocess.run([sys.executable, str(ROOT / "scripts/review.py"), "--data", str(data)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "data/values.yml:14: items[0].review_by (item 'mutuality')" in result.stderr


def test_the_shipped_data_can_be_reviewed():
    code, lines = review(ROOT / "data")
    assert code == 0 and lines[-1].endswith("entries that cite sources have no review date at all.")


def test_every_kind_of_entry_that_cites_sources_accepts_review_dates():
    date = {"$ref": "common.schema.json#/$defs/date"}
    checked = 0
    for path in (ROOT / "data/schema").glob("*.schema.json"):
        for schema in (node for node in dict_nodes(json.loads(path.read_text(encoding="utf-8")))
                       if isinstance(node.get("properties"), dict)):
            properties = schema["properties"]
            if {"id", "sources"} <= properties.keys():
                for field in ("reviewed", "review_by"):
                    assert properties.get(field, {}).items() >= date.items(), (path.name, field)
                checked += 1
    assert checked > 40


def test_review_dates_do_not_make_an_item_changed(tmp_path):
    book = load_handbook(make_data_dir(tmp_path), root=tmp_path)
    placements = Placements(ROOT / "docs")
    before = snapshot(book, placements, "2026.1", "2026-01-01")
    book["values"].items[0].update(reviewed="2026-05-01", review_by="2027-05-01")
    assert compare(before, snapshot(book, placements, "2026.2", "2026-06-01")).changed == []
