"""The treasurer's commands: import a statement, export a year, make the accounts; problems in one sentence."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from coordinator_app.cli import main
from coordinator_app.db.groupfile import open_group
from coordinator_app.services.money import books

BANK = Path(__file__).parent / "data" / "bank"


def _run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_export_and_report_for_the_financial_year_starting_in_2026(books_path, tmp_path, capsys):
    code, out, err = _run(capsys, "import", "transactions", BANK / "lloyds.csv", "--account", "community account",
                          "--group", books_path)
    assert (code, err) == (0, "")
    assert "Imported 5 new lines into “Community Account”." in out
    code, out, _ = _run(capsys, "import", "transactions", BANK / "lloyds.csv", "--account", "Community Account",
                        "--group", books_path)
    assert code == 0 and "Imported 0 new lines" in out and "5 were already in the books" in out

    csv_out = tmp_path / "2026.csv"
    assert _run(capsys, "export", "transactions", "--year", 2026, "--format", "csv", "-o", csv_out,
                "--group", books_path)[0] == 0
    assert len(list(csv.DictReader(csv_out.read_text(encoding="utf-8-sig").splitlines()))) == 5
    xlsx_out = tmp_path / "2026.xlsx"
    code, out, _ = _run(capsys, "export", "transactions", "--year", 2026, "--format", "xlsx", "-o", xlsx_out,
                        "--group", books_path)
    assert code == 0 and "2026/27" in out
    assert load_workbook(xlsx_out).sheetnames == ["Summary", "Community Account", "Cash tin"]

    pdf_out = tmp_path / "accounts.pdf"
    code, out, _ = _run(capsys, "report", "accounts", "--year", 2026, "-o", pdf_out, "--group", books_path)
    assert code == 0 and "year ended 31 March 2027" in out and "not yet categorised" in out
    assert "Receipts and payments" in PdfReader(pdf_out).pages[0].extract_text()
    code, _, _ = _run(capsys, "report", "accounts", "--year", 2026, "-o", tmp_path / "accounts.xlsx",
                      "--group", books_path)
    assert code == 0 and load_workbook(tmp_path / "accounts.xlsx").sheetnames[0] == "Receipts and payments"


def test_unknown_account_and_unrecognised_columns_are_one_sentence_each_and_change_nothing(books_path, capsys):
    code, out, err = _run(capsys, "import", "transactions", BANK / "barclays.csv", "--account", "Savings",
                          "--group", books_path)
    assert code == 1 and err.strip() == ("There is no account called “Savings” (accounts: “Community Account”, "
                                         "“Cash tin”).")
    code, _, err = _run(capsys, "import", "transactions", BANK / "unknown_headers.csv", "--account", "Cash tin",
                        "--group", books_path)
    assert code == 1 and '"When", "What", "How much"' in err and "--columns" in err and "Traceback" not in err
    code, out, err = _run(capsys, "import", "transactions", BANK / "unknown_headers.csv", "--account", "Cash tin",
                          "--columns", "date=When,description=What,amount=How much", "--group", books_path)
    assert (code, err) == (0, "") and "Imported 2 new lines" in out
    code, _, err = _run(capsys, "import", "transactions", BANK / "bad_amount_row7.csv", "--account", "Cash tin",
                        "--group", books_path)
    assert code == 1 and err.startswith('row 7, column "Amount"')
    group = open_group(books_path)
    try:
        assert {a.name: a.balance_pence for a in books.list_accounts(group)} == {"Community Account": 100_000,
                                                                                "Cash tin": 7_500}
    finally:
        group.close()
