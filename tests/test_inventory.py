"""The role inventory arithmetic, in Python (scripts/inventory.py) and in the browser,
checked against hand-computed values and against each other on the same files."""
import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import inventory  # noqa: E402

FILES = FIXTURES / "inventory"
DEVELOPMENT = sorted(FILES.glob("dev-*.csv"))
AUDIT = sorted(FILES.glob("audit-*.csv"))


def python_summary():
    return inventory.summarise([inventory.read_file(f) for f in DEVELOPMENT])


def test_means_counts_and_flags_match_hand_calculation():
    by_number = {e["number"]: e for e in python_summary()}
    # 1.1: 4, 3, 3 and one don't know -> 10/3 = 3.33
    assert (by_number["1.1"]["responses"], by_number["1.1"]["mean"], by_number["1.1"]["dont_know"]) == (3, "3.3", 1)
    # 1.2: 1, 4, 2 and one not relevant -> 7/3 = 2.33; 1 and 4 are far apart
    assert (by_number["1.2"]["mean"], by_number["1.2"]["not_relevant"], by_number["1.2"]["wide_spread"]) == ("2.3", 1, True)
    # 1.3: 2, 3, 2, 3 -> 2.5 exactly; 1.5: 4, 4, 4, 3 -> 3.75 rounds half up to 3.8
    assert (by_number["1.3"]["mean"], by_number["1.3"]["wide_spread"]) == ("2.5", False)
    assert by_number["1.5"]["mean"] == "3.8"
    assert len(by_number) == 40


def test_gaps_list_important_items_that_rarely_happen():
    master = inventory.read_file(FILES / "master.csv", "development")
    found = {g["number"]: g["audit_mean"] for g in inventory.gaps(master, [inventory.read_file(f, "audit") for f in AUDIT])}
    # 1.1: master 4, audit 2, 1, 2 -> 1.7; 1.4: master 3, audit 2, 2, 2 -> 2.0
    assert found["1.1"] == "1.7" and found["1.4"] == "2.0"
    # 1.2 is not important in the master (2); 1.3 is (3.3) but the audit mean is 2.3
    assert "1.2" not in found and "1.3" not in found


SCRIPT = ROOT / "scripts/inventory.py"
HEADER = inventory.HEADER
ENCODINGS = "save the file as UTF-8 (with or without BOM, Excel's CSV UTF-8) or Windows-1252 (Excel's CSV)"


def run(*args):
    result = subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True)
    # Decoded by hand: text mode would turn a carriage return inside a cell into a newline.
    result.stdout, result.stderr = result.stdout.decode(), result.stderr.decode()
    return result


def refused(result, *lines):
    """Refused with exactly these lines on stderr, nothing on stdout, exit code 1."""
    assert (result.returncode, result.stdout, result.stderr.splitlines()) == (1, "", list(lines))


def rows_of(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def export(path, rows, encoding="utf-8"):
    """Write rows as a spreadsheet would save them (CRLF), in the given encoding."""
    text = io.StringIO(newline="")
    csv.writer(text).writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def edited(tmp_path, name, source=DEVELOPMENT[1], **changes):
    """A copy of an export with cells changed: changes maps 'column' to {row number: value}
    (row 1 is the first item, on line 2)."""
    rows = rows_of(source)
    for column, values in changes.items():
        for index, value in values.items():
            rows[index][inventory.COLUMNS.index(column)] = value
    return export(tmp_path / name, rows)


def test_excel_csv_utf8_with_a_byte_order_mark_gives_the_same_summary(tmp_path):
    with_bom = tmp_path / "dev-manager-bom.csv"
    with_bom.write_bytes(b"\xef\xbb\xbf" + DEVELOPMENT[1].read_bytes())
    plain = run("summarise", *DEVELOPMENT)
    result = run("summarise", DEVELOPMENT[0], with_bom, *DEVELOPMENT[2:])
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == plain.stdout and plain.stdout.count("\n") == 41


def test_windows_1252_files_are_read_with_their_accents(tmp_path):
    rows = rows_of(FILES / "master.csv")
    rows[1][2] = "Peer workers’ recruitment is formal – café, naïve, Zoë"
    rows[1][4] = "Équipe soignante"
    master = export(tmp_path / "master-1252.csv", rows, "cp1252")
    assert b"\x92" in master.read_bytes()  # not UTF-8, so only Windows-1252 reads it
    result = run("gaps", "--master", master, *AUDIT)
    assert (result.returncode, result.stderr) == (0, "")
    assert list(csv.reader(io.StringIO(result.stdout)))[1] == [
        "1.1", "formal-recruitment", "4", "1.7", "Peer workers’ recruitment is formal – café, naïve, Zoë"]


def test_bytes_that_are_neither_utf8_nor_windows_1252_name_the_encodings(tmp_path):
    broken = tmp_path / "broken.csv"
    lines = DEVELOPMENT[1].read_bytes().split(b"\r\n")
    lines[2] = lines[2].replace(b"Peer", b"Pe\x81r", 1)  # 0x81 means nothing in either
    broken.write_bytes(b"\r\n".join(lines))
    refused(run("summarise", broken), f"{broken}:3: byte 0x81 is not text in UTF-8 or Windows-1252; {ENCODINGS}")


def test_a_missing_file_and_a_folder_are_named(tmp_path):
    missing = tmp_path / "responses" / "missing.csv"
    refused(run("summarise", DEVELOPMENT[0], missing, tmp_path),
            f"{missing}:1: no such file; give the path of a role inventory CSV file",
            f"{tmp_path}:1: is a folder, not a file; give the CSV files in it (for example folder/*.csv)")


def test_development_and_audit_responses_are_never_summarised_together():
    listing = f"development: {DEVELOPMENT[0]}, {DEVELOPMENT[1]}; audit: {AUDIT[0]}, {AUDIT[1]}"
    refused(run("summarise", DEVELOPMENT[0], AUDIT[0], DEVELOPMENT[1], AUDIT[1]),
            f"{AUDIT[0]}:2: version: audit responses cannot be summarised with development responses "
            f"({listing}); summarise each version on its own")


def test_unknown_and_repeated_item_ids_are_refused(tmp_path):
    bad = edited(tmp_path, "ids.csv", item_id={1: "formal-recruitmen", 2: '<img src=x onerror="alert(1)">',
                                               5: "experience-is-enough"})
    allowed = "is not an item of the role inventory; use the ids in data/role_inventory.yml, as the page exports them"
    refused(run("summarise", bad),
            f"{bad}:2: item_id: 'formal-recruitmen' {allowed}",
            f"""{bad}:3: item_id: '<img src=x onerror="alert(1)">' {allowed}""",
            f"{bad}:6: item_id: 'experience-is-enough' is rated again (first on line 4); "
            "one respondent rates each item once")


def test_bad_ratings_and_versions_are_refused_line_by_line(tmp_path):
    bad = edited(tmp_path, "ratings.csv", rating={1: "9", 2: "3.25", 3: "=1+1", 4: "Quite important"},
                 version={6: "audit", 7: "Development"})
    allowed = "is not a rating; use 1 to 4 (at most one decimal), dont-know, not-relevant or empty (not answered)"
    refused(run("summarise", bad),
            f"{bad}:2: rating: '9' {allowed}", f"{bad}:3: rating: '3.25' {allowed}",
            f"{bad}:4: rating: '=1+1' {allowed}", f"{bad}:5: rating: 'Quite important' {allowed}",
            f"{bad}:7: version: 'audit', but line 2 is 'development'; one file holds one version",
            f"{bad}:8: version: 'Development' is not a version; use development or audit")


def test_empty_foreign_headless_and_ragged_files_are_refused_together(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    foreign = tmp_path / "checklist.csv"
    foreign.write_text("item,ticked\nonboard-orientation,yes\n")
    header_only = tmp_path / "header.csv"
    header_only.write_text(HEADER + "\n")
    ragged = export(tmp_path / "ragged.csv", [*rows_of(DEVELOPMENT[0])[:2], ["formal-recruitment", "1.1", "4"]])
    refused(run("summarise", empty, foreign, header_only, ragged),
            f"{empty}:1: the file is empty; a role inventory file starts with the columns {HEADER}",
            f"{foreign}:1: not a role inventory file: the columns are 'item,ticked'; expected {HEADER}",
            f"{header_only}:2: has the columns but no answers; a role inventory file has one row per item",
            f"{ragged}:3: 3 columns; a role inventory row has 6 ({HEADER})")


def test_gaps_refuse_a_master_or_audit_of_the_wrong_version():
    refused(run("gaps", "--master", AUDIT[0], DEVELOPMENT[0], AUDIT[1]),
            f"{AUDIT[0]}:2: version: this file holds audit responses; "
            "the --master file (the master copy) must hold development responses",
            f"{DEVELOPMENT[0]}:2: version: this file holds development responses; "
            "a file compared with the master copy must hold audit responses")


FORMULAS = ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]


def test_cells_a_spreadsheet_would_run_as_formulas_are_written_as_text(tmp_path):
    numbers = dict(enumerate(FORMULAS, start=1))
    files = [edited(tmp_path, f"{f.stem}.csv", f, number=numbers) for f in DEVELOPMENT]
    result = run("summarise", *files)
    assert (result.returncode, result.stderr) == (0, "")
    cells = [row[0] for row in csv.reader(io.StringIO(result.stdout, newline=""))]
    assert cells[1:len(FORMULAS) + 2] == ["'" + f for f in FORMULAS] + ["1.7"]

    master = edited(tmp_path, "master.csv", FILES / "master.csv", statement={1: FORMULAS[0], 4: FORMULAS[3]})
    result = run("gaps", "--master", master, *AUDIT)
    assert (result.returncode, result.stderr) == (0, "")
    statements = [row[-1] for row in csv.reader(io.StringIO(result.stdout, newline=""))]
    assert statements[1:3] == ["'" + FORMULAS[0], "'" + FORMULAS[3]]


def test_exit_codes_are_documented_and_wrong_usage_exits_2():
    help_text = run("--help").stdout
    assert "Exit codes: 0 success; 1 problems in the input files" in help_text
    assert "2 wrong usage" in help_text
    usage = run("gaps", *AUDIT)
    assert (usage.returncode, usage.stdout) == (2, "")
    assert "the following arguments are required: --master" in usage.stderr


def open_facilitator(page, site_url):
    page.goto(site_url + "sustain/role-inventory/")
    page.locator("summary", has_text="facilitators").click()


@pytest.mark.browser
def test_browser_and_python_give_identical_summaries(page, site_url):
    open_facilitator(page, site_url)
    page.locator("#hb-inv-combine").set_input_files([str(f) for f in DEVELOPMENT])
    rows = page.locator(".hb-summary tbody tr")
    rows.first.wait_for()
    browser = [[cell.strip() for cell in row.split("\t")] for row in rows.all_inner_texts()]
    python = [[e["number"], str(e["responses"]), e["mean"], str(e["dont_know"]), str(e["not_relevant"]),
               "Wide spread: discuss" if e["wide_spread"] else ""] for e in python_summary()]
    assert [[r[0], *r[2:]] for r in browser] == python


@pytest.mark.browser
def test_browser_and_python_give_identical_gaps(page, site_url):
    open_facilitator(page, site_url)
    page.locator("#hb-inv-master").set_input_files(str(FILES / "master.csv"))
    page.locator("#hb-inv-audits").set_input_files([str(f) for f in AUDIT])
    page.get_by_role("button", name="Compare").click()
    rows = page.locator(".hb-gaps tbody tr")
    rows.first.wait_for()
    browser = [(r.split("\t")[0], r.split("\t")[-1]) for r in rows.all_inner_texts()]
    master = inventory.read_file(FILES / "master.csv", "development")
    python = [(g["number"], g["audit_mean"]) for g in inventory.gaps(master, [inventory.read_file(f, "audit") for f in AUDIT])]
    assert browser == python


@pytest.mark.browser
def test_browser_refuses_a_foreign_file(page, site_url, tmp_path):
    open_facilitator(page, site_url)
    foreign = tmp_path / "checklist.csv"
    foreign.write_text("item,ticked\nonboard-orientation,yes\n")
    page.locator("#hb-inv-combine").set_input_files([str(DEVELOPMENT[0]), str(foreign)])
    message = page.locator(".hb-facilitator__message")
    message.wait_for()
    assert "checklist.csv: this is not a role inventory file" in message.inner_text()
    assert page.locator(".hb-summary").count() == 0


@pytest.mark.browser
def test_respondent_ratings_are_saved_and_exported_as_csv(page, site_url, tmp_path):
    page.goto(site_url + "sustain/role-inventory/")
    page.get_by_label("Audit: is this happening here?").check()
    page.get_by_label("Your stakeholder group").fill("Peer worker")
    page.get_by_label("Your rating for item 1.1").select_option("2")
    page.get_by_label("Your rating for item 2.1").select_option("dont-know")
    page.reload()
    assert page.get_by_label("Your rating for item 1.1").input_value() == "2"
    assert page.get_by_label("Audit: is this happening here?").is_checked()
    assert page.locator(".hb-toolbar__status").inner_text() == "2 of 40 rated"
    with page.expect_download() as download:
        page.get_by_role("button", name="Download your answers as CSV").click()
    path = tmp_path / "answers.csv"
    download.value.save_as(path)
    rows = inventory.read_file(path, "audit")
    assert len(rows) == 40
    assert {r.number: r.rating for r in rows if r.rating} == {"1.1": "2", "2.1": "dont-know"}


@pytest.mark.browser
def test_a_stakeholder_group_that_looks_like_a_formula_is_exported_as_text(page, site_url, tmp_path):
    page.goto(site_url + "sustain/role-inventory/")
    page.get_by_label("Your stakeholder group").fill('=HYPERLINK("http://example.org","x")')
    with page.expect_download() as download:
        page.get_by_role("button", name="Download your answers as CSV").click()
    path = tmp_path / "answers.csv"
    download.value.save_as(path)
    with path.open(newline="", encoding="utf-8") as handle:
        groups = {row["stakeholder_group"] for row in csv.DictReader(handle)}
    assert groups == {"'=HYPERLINK(\"http://example.org\",\"x\")"}
