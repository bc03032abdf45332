"""Importing members and bank payments from CSV, and exporting the register, on the command line."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path

import pytest

from tests.core.helpers import file_digest
from tests.core.test_cli import run

MEMBERS_CSV = (
    "Mitgliedsnummer;Vorname;Nachname;E-Mail;PLZ;Ort;Eintritt;Mitgliedsart;Zahler;Austritt;Austrittsgrund\r\n"
    "101;Zoë;Müller;zoe@example.org;10115;Berlin;15.01.2025;Worker;;;\r\n"
    "102;Jonas;Müller;;10115;Berlin;01.02.2025;Consumer;101;;\r\n"
    "103;Chloé;Lefèvre;chloe@example.org;75001;Paris;2025-03-01;supporter;;31.12.2025;verstorben\r\n"
    "\r\n"
).encode("cp1252")


@pytest.fixture
def book(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    path = tmp_path / "imports.coopdesk"
    assert run(capsys, "init", str(path), "--name", "Fahrrad eG", "--currency", "EUR", "--locale", "de_DE")[0] == 0
    return ("--book", str(path))


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_members_import_is_all_or_nothing_and_safe_to_repeat(book: tuple[str, str], tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    file = _write(tmp_path, "mitglieder.csv", MEMBERS_CSV)
    code, out, _ = run(capsys, *book, "members", "import", file, "--dry-run")
    assert code == 0 and "3 member(s) would be added" in out
    code, out, _ = run(capsys, *book, "members", "list", "--format", "json")
    assert json.loads(out) == []
    code, out, _ = run(capsys, *book, "members", "import", file)
    assert code == 0 and "3 member(s) added, 0 already in the book" in out
    code, out, _ = run(capsys, *book, "members", "list", "--as-of", "2026-01-05", "--format", "json")
    members = {m["number"]: m for m in json.loads(out)}
    assert members["102"]["payer_number"] == "101" and members["102"]["class_code"] == "consumer"
    assert members["103"]["status"] == "deceased" and members["101"]["sort_name"] == "Müller, Zoë"
    code, out, _ = run(capsys, *book, "members", "import", file)
    assert "0 member(s) added, 3 already in the book" in out


def test_a_bad_members_file_is_refused_whole_with_line_and_column(book: tuple[str, str], tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    bad = MEMBERS_CSV.replace(b"15.01.2025", b"31.02.2025").replace(b"Consumer", b"Pirate")
    file = _write(tmp_path, "bad.csv", bad)
    path = Path(book[1])
    before = file_digest(path)
    code, out, err = run(capsys, *book, "members", "import", file)
    assert code == 1 and out == ""
    assert "nothing was imported" in err and "line 2, column 'Eintritt'" in err
    assert file_digest(path) == before
    file = _write(tmp_path, "bad-class.csv", MEMBERS_CSV.replace(b"Consumer", b"Pirate"))
    code, _, err = run(capsys, *book, "members", "import", file)
    assert code == 1 and "line 3, column 'class': no member class 'Pirate'" in err
    code, out, _ = run(capsys, *book, "members", "list", "--format", "json")
    assert json.loads(out) == []  # the good rows were not kept either


def test_export_neutralises_formulas_and_is_private(book: tuple[str, str], tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, *book, "members", "add", "=HYPERLINK(\"evil\")", "--joined", "2025-01-01", "--phone", "+49 30 1234")
    out_file = tmp_path / "export.csv"
    assert run(capsys, *book, "members", "export", str(out_file))[0] == 0
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    (row,) = list(csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8-sig"))))
    assert row["display_name"] == "'=HYPERLINK(\"evil\")" and row["phone"] == "'+49 30 1234"
    assert row["number"] == "1"  # a number stays a number


BANK_CSV = (
    "Buchungstag;Betrag;Verwendungszweck;Auftraggeber\n"
    "03.02.2026;12,00;Mitglied 101 Beitrag 2026;Zoë Müller\n"
    "04.02.2026;6,00;Beitrag Jonas;Jonas Müller\n"
    "05.02.2026;-40,00;Miete Vereinsheim;Stadt\n"
    "06.02.2026;5,00;Spende;Unbekannt\n"
).encode("utf-8")


def test_payments_import_matches_refuses_unmatched_and_never_records_twice(
        book: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, *book, "members", "import", _write(tmp_path, "m.csv", MEMBERS_CSV))
    bank = _write(tmp_path, "konto.csv", BANK_CSV)
    code, out, err = run(capsys, *book, "payments", "import", bank, "--format", "json")
    lines = json.loads(out)
    assert code == 1 and "nothing recorded: 1 row(s) match no member" in err
    assert [(l["line"], l["member_number"], l["matched_by"], l["action"]) for l in lines] == [
        (2, "101", "number", "record"), (3, "102", "name", "record"),
        (5, None, "no match", "unmatched")]
    assert "line 4: not a payment" in err
    code, out, _ = run(capsys, *book, "payments", "list", "--format", "json")
    assert json.loads(out) == []
    code, out, err = run(capsys, *book, "payments", "import", bank, "--accept-matched", "--format", "json")
    assert code == 0 and "Recorded 2 payment(s)" in err
    code, out, _ = run(capsys, *book, "payments", "list", "--format", "json")
    payments = json.loads(out)
    assert [(p["member_number"], p["amount"], p["payer_number"]) for p in payments] == [
        ("101", "12.00", None), ("102", "6.00", "101")]
    code, out, err = run(capsys, *book, "payments", "import", bank, "--accept-matched", "--format", "json")
    assert [l["action"] for l in json.loads(out)] == ["already recorded", "already recorded", "unmatched"]
    assert "Recorded 0 payment(s)" in err
