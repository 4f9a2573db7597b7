"""Setting up and correcting the books: categories, closing accounts and retiring funds, assets and
liabilities, correcting lines (never silently on a reconciled statement), bulk changes, payee look-alikes,
cash below nothing, pre-ticked imported lines, signatories first, and exports for any span."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from money_helpers import set_up

from coordinator_app import cli
from coordinator_app.db.groupfile import opened
from coordinator_app.db.models import AccountsHeading, BalanceItemKind, CategoryDirection, FundKind
from coordinator_app.exports.transactions_csv import export_transactions_csv
from coordinator_app.services import members
from coordinator_app.services.errors import ValidationError
from coordinator_app.services.money import (
    approvals,
    balance_items,
    books,
    closing,
    grants,
    reconcile,
    statement_import,
    transactions,
)
from coordinator_app.services.money.statement_import import StatementLine

PAY = CategoryDirection.PAYMENT


def _pay(group, acct, day: date, pence: int, payee: str, **more) -> transactions.TransactionView:
    return transactions.record_payment(group, account_id=acct.cash if more.pop("cash", False) else acct.bank,
                                       on=day, amount_pence=pence, payee=payee, **more)


def test_categories_are_added_renamed_mapped_and_retired(group):
    set_up(group)
    new = books.add_category(group, name="Website", direction=PAY, heading=AccountsHeading.CHARITABLE_ACTIVITIES)
    changed = books.update_category(group, new, name="Website and e-mail", heading=AccountsHeading.GOVERNANCE)
    assert (changed.name, changed.heading_label) == ("Website and e-mail", "Governance (examiner's fee and similar)")
    with pytest.raises(ValidationError, match="already a payment category called “travel”") as caught:
        books.update_category(group, new, name="travel")
    assert caught.value.field == "category"
    books.update_category(group, new, active=False)
    assert "Website and e-mail" not in [c.name for c in books.list_categories(group)]
    assert "Website and e-mail" in [c.name for c in books.list_categories(group, include_inactive=True)]


def test_an_account_closes_only_once_its_money_is_moved(group):
    acct = set_up(group, cash_opening=2_500)
    with pytest.raises(ValidationError, match="still holds £25.00") as caught:
        closing.close_account(group, acct.cash, closed_on=date(2025, 6, 1), today=date(2025, 6, 2))
    assert caught.value.field == "move_to"
    _pay(group, acct, date(2025, 6, 5), 500, "Milk", cash=True)
    with pytest.raises(ValidationError, match="has lines after that day"):
        closing.close_account(group, acct.cash, closed_on=date(2025, 6, 1), move_to_account_id=acct.bank,
                              today=date(2025, 7, 1))
    closing.close_account(group, acct.cash, closed_on=date(2025, 6, 30), move_to_account_id=acct.bank,
                          today=date(2025, 7, 1))
    accounts = {a.id: a for a in books.list_accounts(group)}
    assert (accounts[acct.cash].balance_pence, accounts[acct.cash].closed_on) == (0, date(2025, 6, 30))
    assert accounts[acct.bank].balance_pence == 100_000 + 2_000
    with pytest.raises(ValidationError, match="was closed on 30/06/2025"):
        _pay(group, acct, date(2025, 7, 2), 100, "Milk", cash=True)
    closing.reopen_account(group, acct.cash)
    assert next(a for a in books.list_accounts(group) if a.id == acct.cash).closed_on is None


def test_a_fund_retires_only_when_empty_and_never_the_general_fund(group):
    acct = set_up(group)
    with pytest.raises(ValidationError, match="cannot be retired"):
        closing.retire_fund(group, acct.general, today=date(2025, 6, 1))
    appeal = books.add_fund(group, name="Minibus appeal", kind=FundKind.RESTRICTED)
    transactions.record_receipt(group, account_id=acct.bank, on=date(2025, 5, 1), amount_pence=5_000,
                                fund_id=appeal)
    with pytest.raises(ValidationError, match="still holds £50.00"):
        closing.retire_fund(group, appeal, today=date(2025, 6, 1))
    transactions.move_between_funds(group, from_fund_id=appeal, to_fund_id=acct.general, on=date(2025, 5, 2),
                                    amount_pence=5_000)
    closing.retire_fund(group, appeal, today=date(2025, 6, 1))
    assert next(f for f in books.list_funds(group) if f.id == appeal).retired_on == date(2025, 6, 1)
    grant_id = grants.add_grant(group, funder="Lottery", reference="NL-1", amount_pence=1_000,
                                starts_on=date(2025, 4, 1), ends_on=date(2026, 3, 31))
    with pytest.raises(ValidationError, match="close the grant first"):
        closing.retire_fund(group, grants.get_grant(group, grant_id).fund_id, today=date(2025, 6, 1))
    closing.bring_back_fund(group, appeal)


def test_assets_and_liabilities_are_added_changed_and_removed(group):
    set_up(group)
    year_end = date(2026, 3, 31)
    item = balance_items.add_balance_item(group, kind=BalanceItemKind.LIABILITY, description="Hall hire for March",
                                          as_at=year_end, amount_pence=6_000)
    balance_items.update_balance_item(group, item, kind=BalanceItemKind.LIABILITY, description="Hall hire, March",
                                      as_at=year_end, amount_pence=6_500)
    (shown,) = balance_items.list_balance_items(group, as_at=year_end)
    assert (shown.description, shown.amount_pence) == ("Hall hire, March", 6_500)
    with pytest.raises(ValidationError, match="how much is owed"):
        balance_items.update_balance_item(group, item, kind=BalanceItemKind.LIABILITY, description="Hall",
                                          as_at=year_end)
    balance_items.remove_balance_item(group, item)
    assert balance_items.list_balance_items(group, as_at=year_end) == []


def test_a_line_is_corrected_but_not_its_date_or_amount_on_a_reconciled_statement(group):
    acct = set_up(group)
    paid = _pay(group, acct, date(2025, 5, 3), 4_500, "St Marys", category_id=acct.categories["Room hire"])
    fixed = transactions.update_transaction(group, paid.id, amount_pence=5_400, payee="St Mary's Church Hall",
                                            on=date(2025, 5, 4))
    assert (fixed.amount_pence, fixed.payee, fixed.on) == (-5_400, "St Mary's Church Hall", date(2025, 5, 4))
    statement = reconcile.start_statement(group, account_id=acct.bank, statement_date=date(2025, 5, 31),
                                          closing_balance_pence=100_000 - 5_400)
    reconcile.tick(group, statement, [paid.id])
    reconcile.finish(group, statement, today=date(2025, 6, 1))
    with pytest.raises(ValidationError, match="statement to 31/05/2025, which is reconciled") as caught:
        transactions.update_transaction(group, paid.id, amount_pence=4_500)
    assert caught.value.field == "amount"
    assert "reopen that statement" in caught.value.message
    transactions.update_transaction(group, paid.id, payee="St Mary's hall")  # words may still change
    reconcile.reopen_statement(group, statement)
    assert transactions.update_transaction(group, paid.id, amount_pence=4_500).amount_pence == -4_500


def test_many_lines_get_a_category_at_once_or_none_do(group):
    acct = set_up(group)
    lines = [_pay(group, acct, date(2025, 5, day), 100 * day, f"Tesco {day}") for day in range(1, 6)]
    subs = transactions.record_receipt(group, account_id=acct.bank, on=date(2025, 5, 9), amount_pence=500,
                                       payee="Subs")
    refreshments = acct.categories["Refreshments"]
    with pytest.raises(ValidationError, match=r"line of 09/05/2025 \(Subs\).*Nothing was changed"):
        transactions.set_many(group, [line.id for line in lines] + [subs.id], category_id=refreshments)
    assert all(transactions.get_transaction(group, line.id).category_id is None for line in lines)
    assert transactions.set_many(group, [line.id for line in lines], category_id=refreshments) == 5
    assert {transactions.get_transaction(group, line.id).category_name for line in lines} == {"Refreshments"}


def test_other_lines_from_the_same_payee_are_found_to_categorise_alike(group):
    acct = set_up(group)
    first = _pay(group, acct, date(2025, 5, 1), 1_000, "ST MARYS HALL 0412")
    second = _pay(group, acct, date(2025, 6, 1), 1_000, "ST MARYS HALL 0513")
    _pay(group, acct, date(2025, 6, 2), 1_000, "Tesco")
    transactions.categorise(group, first.id, category_id=acct.categories["Room hire"])
    assert [v.id for v in transactions.lines_like(group, first.id)] == [second.id]


def test_a_cash_payment_that_takes_the_tin_below_nothing_is_saved_with_a_warning(group):
    acct = set_up(group, cash_opening=1_000)
    _pay(group, acct, date(2025, 5, 1), 800, "Milk", cash=True)
    assert transactions.cash_warning(group, acct.cash) is None
    _pay(group, acct, date(2025, 5, 2), 8_740, "Raffle prizes", cash=True)
    assert transactions.cash_warning(group, acct.cash) == (
        "“Cash tin” goes down to -£85.40 on 02/05/2025, but cash cannot go below nothing: is a line missing, "
        "or an amount wrong?")
    assert transactions.cash_warning(group, acct.bank) is None


def test_reconciling_starts_with_the_imported_lines_ticked(group):
    acct = set_up(group)
    typed = _pay(group, acct, date(2025, 5, 2), 700, "Typed in")
    statement_import.import_lines(group, account_id=acct.bank, lines=[
        StatementLine(row=2, on=date(2025, 5, 1), amount_pence=-1_200, description="CARD PAYMENT TESCO"),
        StatementLine(row=3, on=date(2025, 6, 3), amount_pence=-300, description="LATER"),
    ])
    statement = reconcile.start_statement(group, account_id=acct.bank, statement_date=date(2025, 5, 31),
                                          closing_balance_pence=100_000 - 1_900)
    ticked = {line.payee for line in reconcile.reconciliation(group, statement).lines if line.cleared}
    assert ticked == {"CARD PAYMENT TESCO"}
    assert reconcile.tick(group, statement, [typed.id]).difference_pence == 0


def test_signatories_are_offered_first_and_the_two_approver_amount_is_a_group_setting(group):
    acct = set_up(group)
    ann, bea, cai = (members.add_member(group, name=n, joined_on=date(2024, 1, 1)) for n in ("Ann", "Bea", "Cai"))
    members.add_role(group, cai, role="Signatory", started_on=date(2024, 1, 1))
    assert [a.name for a in approvals.approvers(group, today=date(2025, 5, 1))] == ["Cai", "Ann", "Bea"]
    paid = _pay(group, acct, date(2025, 5, 1), 6_000, "Speaker", cash=True)
    assert not paid.needs_second_approver  # under £100
    books.set_approval_limit(group, 5_000)
    assert books.get_approval_limit(group) == 5_000
    assert transactions.get_transaction(group, paid.id).needs_second_approver
    (warning,) = approvals.approval_warnings(group)
    assert "cash over £50.00 needs two" in warning.message
    with pytest.raises(ValidationError):
        books.set_approval_limit(group, -1)


def test_transactions_export_for_any_span_or_all_of_them(group, group_path, tmp_path, capsys):
    acct = set_up(group)
    for month in (4, 6, 8):
        _pay(group, acct, date(2025, month, 1), 100, f"Line {month}")
    out = tmp_path / "span.csv"
    assert export_transactions_csv(group, start=date(2025, 5, 1), end=date(2025, 7, 31), path=out) == 1
    assert [row[2] for row in csv.reader(out.open(encoding="utf-8-sig"))][1:] == ["Line 6"]
    group.close()
    assert cli.main(["--group", str(group_path), "export", "transactions", "--all", "-o", str(tmp_path / "a.csv")]) == 0
    assert "Wrote 3 transactions" in capsys.readouterr().out
    assert cli.main(["--group", str(group_path), "export", "transactions", "--from", "2025-06-01", "-o",
                     str(tmp_path / "b.csv")]) == 0
    assert "Wrote 2 transactions for 01/06/2025 to" in capsys.readouterr().out
    assert cli.main(["--group", str(group_path), "export", "transactions", "-o", str(tmp_path / "c.csv")]) != 0
    assert "Say which transactions" in capsys.readouterr().err
    with opened(group_path) as again:
        assert len(transactions.search_transactions(again)) == 3
