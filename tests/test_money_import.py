"""Bank statements as UK banks export them come into the cash book whole, once, and correctly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from money_helpers import set_up

from coordinator_app.imports.bank import ColumnsNotFound, import_statement, parse_statement
from coordinator_app.imports.csv_text import ImportProblem
from coordinator_app.services.money import books, payee_rules, statement_import, transactions
from coordinator_app.services.money.amounts import format_pence

BANK = Path(__file__).parent / "data" / "bank"
TODAY = date(2026, 11, 26)
EXPECTED = [  # what every sample statement holds, oldest first
    (date(2026, 4, 3), -4500, "ST MARYS CHURCH HALL"),
    (date(2026, 4, 7), 12000, "MEMBERS SUBS APRIL"),
    (date(2026, 4, 14), -1250, "TESCO STORES 3217"),
    (date(2026, 4, 21), 125000, "NATIONAL LOTTERY COMMUNITY FUND"),
    (date(2026, 4, 28), -840, "CARDS GALORE"),
]


def _lines(group, account_id):
    return [(line.transaction.on, line.transaction.amount_pence, line.transaction.payee)
            for line in transactions.register(group, account_id=account_id)]


@pytest.mark.parametrize("sample", ["barclays.csv", "hsbc.csv", "lloyds.csv", "natwest.csv", "nationwide.csv",
                                    "monzo.csv", "starling.csv", "statement.ofx"])
def test_each_banks_layout_imports_every_line_exactly(group, sample):
    acct = set_up(group)
    result = import_statement(group, account_id=acct.bank, path=BANK / sample, today=TODAY)
    assert result.added == 5
    lines = sorted(_lines(group, acct.bank))
    assert [(on, pence) for on, pence, _ in lines] == [(on, pence) for on, pence, _ in EXPECTED]
    for (_, _, payee), (_, _, wanted) in zip(lines, EXPECTED, strict=True):
        assert payee.upper().startswith(wanted[:12])
    assert books.list_accounts(group)[0].balance_pence == 100_000 + 130_410


def test_banner_lines_above_the_header_are_skipped_and_windows_1252_pound_signs_read():
    parsed = parse_statement((BANK / "nationwide.csv").read_bytes(), today=TODAY)
    assert parsed.encoding == "cp1252"
    assert parsed.columns == {"date": "Date", "description": "Description", "paid_in": "Paid in",
                              "paid_out": "Paid out", "balance": "Balance"}
    assert parsed.lines[0].row == 6  # five banner and blank lines above it, header on row 5
    assert [line.balance_pence for line in parsed.lines][-1] == 230_410


def test_an_excel_saved_windows_1252_file_keeps_accents_and_reads_brackets_and_cr_dr(group):
    acct = set_up(group)
    import_statement(group, account_id=acct.bank, path=BANK / "excel_windows1252.csv", today=TODAY)
    lines = _lines(group, acct.bank)
    assert lines == [
        (date(2026, 4, 3), -4500, "St Mary's Church Hall – room hire"),
        (date(2026, 4, 7), 12000, "Café Zoë subs"),
        (date(2026, 4, 14), -1250, "Siobhán raffle prizes"),
        (date(2026, 4, 21), 125000, "National Lottery grant"),
        (date(2026, 4, 28), -840, "François – cards"),
    ]


def test_an_overlapping_statement_adds_only_the_new_lines_and_keeps_identical_twins(group):
    acct = set_up(group)
    first = import_statement(group, account_id=acct.bank, path=BANK / "overlap_april.csv", today=TODAY)
    assert (first.added, first.already_there) == (5, 0)
    second = import_statement(group, account_id=acct.bank, path=BANK / "overlap_late_april_may.csv", today=TODAY)
    assert (second.added, second.already_there) == (2, 3)
    again = import_statement(group, account_id=acct.bank, path=BANK / "overlap_late_april_may.csv", today=TODAY)
    assert again.added == 0
    coffees = [line for line in _lines(group, acct.bank) if line[2] == "COFFEE SHOP"]
    assert len(coffees) == 2  # two real coffees on one day are both kept
    assert len(_lines(group, acct.bank)) == 7


def test_a_bad_amount_names_the_row_and_column_and_imports_nothing(group):
    acct = set_up(group)
    with pytest.raises(ImportProblem) as caught:
        import_statement(group, account_id=acct.bank, path=BANK / "bad_amount_row7.csv", today=TODAY)
    assert str(caught.value).startswith('row 7, column "Amount": "8.40x" is not an amount of money')
    assert _lines(group, acct.bank) == []


def test_a_line_before_the_account_opened_is_refused_by_row_and_nothing_is_imported(group):
    acct = set_up(group, opened_on=date(2026, 4, 10))
    with pytest.raises(Exception, match=r"^row 2: 03/04/2026 is before the account") as caught:
        import_statement(group, account_id=acct.bank, path=BANK / "barclays.csv", today=TODAY)
    assert "Nothing was imported" in str(caught.value)
    assert _lines(group, acct.bank) == []


def test_unrecognised_columns_list_the_headers_then_a_chosen_mapping_is_remembered(group, tmp_path):
    acct = set_up(group)
    with pytest.raises(ColumnsNotFound) as caught:
        import_statement(group, account_id=acct.bank, path=BANK / "unknown_headers.csv", today=TODAY)
    assert caught.value.headers == ("When", "What", "How much")
    assert '"When", "What", "How much"' in str(caught.value)
    mapping = {"date": "When", "description": "What", "amount": "How much"}
    assert import_statement(group, account_id=acct.bank, path=BANK / "unknown_headers.csv", mapping=mapping,
                            today=TODAY).added == 2
    assert statement_import.remembered_mapping(group, account_id=acct.bank) == mapping
    later = tmp_path / "may.csv"
    later.write_text("When,What,How much\n05/05/2026,Hall hire,-45.00\n", encoding="utf-8")
    assert import_statement(group, account_id=acct.bank, path=later, today=TODAY).added == 1  # asked only once


def test_imported_lines_are_categorised_by_what_the_treasurer_chose_before(group):
    acct = set_up(group)
    import_statement(group, account_id=acct.bank, path=BANK / "overlap_april.csv", today=TODAY)
    hall = next(line.transaction for line in transactions.register(group, account_id=acct.bank)
                if line.transaction.payee == "ST MARYS CHURCH HALL")
    transactions.categorise(group, hall.id, category_id=acct.categories["Room hire"])
    assert payee_rules.suggest(group, payee="St Mary's Church Hall 0512").category_name == "Room hire"
    result = import_statement(group, account_id=acct.bank, path=BANK / "barclays.csv", today=TODAY)
    assert result.categorised == 1  # the hall line, from its learned rule
    categorised = [line.transaction for line in transactions.register(group, account_id=acct.bank)
                   if line.transaction.category_name == "Room hire"]
    assert len(categorised) == 2
    assert format_pence(sum(t.amount_pence for t in categorised)) == "-£90.00"


def test_the_preview_shows_what_an_import_would_add_and_changes_nothing(group):
    acct = set_up(group)
    import_statement(group, account_id=acct.bank, path=BANK / "overlap_april.csv", today=TODAY)
    hall = transactions.search_transactions(group, text="church hall")[0]
    transactions.categorise(group, hall.id, category_id=acct.categories["Room hire"])
    parsed = parse_statement((BANK / "overlap_late_april_may.csv").read_bytes(), today=TODAY)
    shown = statement_import.preview(group, account_id=acct.bank, lines=parsed.lines)
    assert [p.already_there for p in shown] == [True, True, True, False, False]
    parsed = parse_statement((BANK / "hsbc.csv").read_bytes(), today=TODAY)
    suggested = {p.line.description: p.category_name for p in
                 statement_import.preview(group, account_id=acct.bank, lines=parsed.lines)}
    assert suggested["ST MARYS CHURCH HALL"] == "Room hire" and suggested["CARDS GALORE"] is None
    assert len(transactions.search_transactions(group)) == 5


@pytest.mark.parametrize("amount", ["1E9", "1E30", "-" + "9" * 30, str(2**63), "Infinity"])
def test_an_ofx_amount_beyond_the_apps_limit_is_refused_like_a_csv_one(amount):
    from coordinator_app.imports.csv_text import ImportProblem
    from coordinator_app.imports.ofx import parse_ofx

    data = (BANK / "statement.ofx").read_bytes().replace(b"<TRNAMT>-45.00", f"<TRNAMT>{amount}".encode())
    with pytest.raises(ImportProblem) as caught:
        parse_ofx(data)
    message = str(caught.value)
    assert message.endswith("nothing was imported.") and len(message) < 160
