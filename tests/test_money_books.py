"""The treasurer's day-to-day: entering lines, funds and grants, approvals, receipts, reconciling."""

from __future__ import annotations

from datetime import date

import pytest
from money_helpers import set_up

from coordinator_app.db.models import AccountsHeading, CategoryDirection, FundKind
from coordinator_app.services import group as group_service
from coordinator_app.services.errors import ValidationError
from coordinator_app.services.money import (
    approvals,
    attachments,
    books,
    grants,
    payee_rules,
    reconcile,
    transactions,
    years,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_new_books_have_a_general_fund_and_categories_under_every_cc16_heading(group):
    set_up(group)
    funds = books.list_funds(group)
    assert [(f.name, f.kind) for f in funds] == [("General fund", FundKind.UNRESTRICTED)]
    headings = {c.heading for c in books.list_categories(group)}
    assert headings == set(AccountsHeading)
    assert books.find_category(group, "independent examiner's fee", direction=CategoryDirection.PAYMENT).heading \
        is AccountsHeading.GOVERNANCE


def test_a_category_under_the_wrong_kind_of_heading_is_refused(group):
    set_up(group)
    with pytest.raises(ValidationError, match="not a heading for receipts") as caught:
        books.add_category(group, name="Sponsored walk", direction=CategoryDirection.RECEIPT,
                           heading=AccountsHeading.GOVERNANCE)
    assert caught.value.field == "heading"


def test_the_register_keeps_a_running_balance_and_search_keeps_true_balances(group):
    acct = set_up(group)
    transactions.record_receipt(group, account_id=acct.bank, on=date(2025, 5, 1), amount_pence=12_000,
                                payee="Members' subs", category_id=acct.categories["Members' subscriptions"])
    transactions.record_payment(group, account_id=acct.bank, on=date(2025, 5, 3), amount_pence=4_500,
                                payee="St Mary's Church Hall", category_id=acct.categories["Room hire"])
    transactions.record_payment(group, account_id=acct.bank, on=date(2025, 5, 9), amount_pence=1_250,
                                payee="Tesco", category_id=acct.categories["Refreshments"])
    register = transactions.register(group, account_id=acct.bank)
    assert [line.balance_pence for line in register] == [112_000, 107_500, 106_250]
    found = transactions.register(group, account_id=acct.bank, search="church hall")
    assert [(line.transaction.payee, line.balance_pence) for line in found] == [("St Mary's Church Hall", 107_500)]
    assert [t.payee for t in transactions.search_transactions(group, text="£12.50")] == ["Tesco"]
    assert books.list_accounts(group)[0].balance_pence == 106_250


def test_bad_entries_say_what_is_wrong_and_change_nothing(group):
    acct = set_up(group)
    cases = [
        (dict(amount_pence=0), "amount", "more than £0.00"),
        (dict(on=date(2024, 3, 31)), "on", "before the account"),
        (dict(category_id=acct.categories["Donations"]), "category", "for receipts, not payments"),
    ]
    for change, field, words in cases:
        entry = dict(account_id=acct.bank, on=date(2025, 5, 1), amount_pence=500, payee="Tesco") | change
        with pytest.raises(ValidationError, match=words) as caught:
            transactions.record_payment(group, **entry)
        assert caught.value.field == field
    assert transactions.register(group, account_id=acct.bank) == []


def test_a_transfer_between_accounts_moves_cash_but_is_neither_receipt_nor_payment(group):
    acct = set_up(group, cash_opening=5_000)
    out, into = transactions.record_transfer(group, from_account_id=acct.cash, to_account_id=acct.bank,
                                             on=date(2025, 6, 1), amount_pence=4_000)
    assert out.transfer_id == into.transfer_id and not out.uncategorised
    balances = {a.name: a.balance_pence for a in books.list_accounts(group)}
    assert balances == {"Community Account": 104_000, "Cash tin": 1_000}
    assert books.list_funds(group)[0].balance_pence == 105_000
    transactions.update_transaction(group, into.id, amount_pence=3_000)
    assert {a.name: a.balance_pence for a in books.list_accounts(group)} == {"Community Account": 103_000,
                                                                             "Cash tin": 2_000}
    transactions.delete_transaction(group, out.id)
    assert transactions.search_transactions(group) == []


def test_a_grant_keeps_its_money_apart_and_shows_spend_against_each_budget_line(group):
    acct = set_up(group)
    grant_id = grants.add_grant(group, funder="National Lottery Community Fund", reference="NLCF-2024-0173",
                                amount_pence=500_000, starts_on=date(2025, 4, 1), ends_on=date(2026, 3, 31),
                                budget_lines=[("Room hire", 120_000), ("Training", 80_000)])
    grant = grants.get_grant(group, grant_id)
    hall, training = grant.lines
    transactions.record_receipt(group, account_id=acct.bank, on=date(2025, 4, 20), amount_pence=500_000,
                                payee="NLCF", category_id=acct.categories["Grants received"], fund_id=grant.fund_id)
    paid = transactions.record_payment(group, account_id=acct.bank, on=date(2025, 5, 1), amount_pence=4_500,
                                       payee="Hall", category_id=acct.categories["Room hire"],
                                       budget_line_id=hall.id)
    assert paid.fund_id == grant.fund_id and paid.fund_restricted
    transactions.record_payment(group, account_id=acct.bank, on=date(2025, 6, 1), amount_pence=15_000,
                                payee="Mind training", budget_line_id=training.id)
    grant = grants.get_grant(group, grant_id)
    assert [(line.name, line.spent_pence, line.remaining_pence) for line in grant.lines] == [
        ("Room hire", 4_500, 115_500), ("Training", 15_000, 65_000)]
    assert (grant.received_pence, grant.spent_pence, grant.fund_balance_pence) == (500_000, 19_500, 480_500)
    general = books.list_funds(group)
    assert {f.name: f.balance_pence for f in general}["General fund"] == 100_000
    with pytest.raises(ValidationError, match="another fund's grant"):
        transactions.record_payment(group, account_id=acct.bank, on=date(2025, 6, 1), amount_pence=100,
                                    fund_id=acct.general, budget_line_id=hall.id)


def test_moving_money_between_funds_changes_funds_but_no_account(group):
    acct = set_up(group)
    restricted = books.add_fund(group, name="Befriending project", kind=FundKind.RESTRICTED)
    transactions.move_between_funds(group, from_fund_id=acct.general, to_fund_id=restricted, on=date(2025, 7, 1),
                                    amount_pence=2_500, reason="Cover the overspend")
    assert {f.name: f.balance_pence for f in books.list_funds(group)} == {"General fund": 97_500,
                                                                         "Befriending project": 2_500}
    assert books.list_accounts(group)[0].balance_pence == 100_000


def test_cash_over_100_pounds_with_one_approver_is_flagged_until_a_second_person_approves(group):
    acct = set_up(group, cash_opening=30_000)
    big = transactions.record_payment(group, account_id=acct.cash, on=date(2025, 7, 1), amount_pence=15_000,
                                      payee="Christmas party venue")
    transactions.record_payment(group, account_id=acct.cash, on=date(2025, 7, 1), amount_pence=10_000,
                                payee="Exactly one hundred pounds")
    approvals.approve(group, big.id, approver_name="Zoë Adams", approved_on=date(2025, 7, 1))
    warnings = approvals.approval_warnings(group)
    assert [w.transaction.id for w in warnings] == [big.id]
    assert "only one person's approval" in warnings[0].message and "£150.00" in warnings[0].message
    with pytest.raises(ValidationError, match="already approved"):
        approvals.approve(group, big.id, approver_name="zoë adams", approved_on=date(2025, 7, 2))
    approvals.approve(group, big.id, approver_name="Łukasz Wójcik", approved_on=date(2025, 7, 2))
    assert approvals.approval_warnings(group) == []


def test_a_receipt_scan_is_kept_in_the_group_file_within_the_size_limit(group):
    acct = set_up(group)
    paid = transactions.record_payment(group, account_id=acct.bank, on=date(2025, 7, 1), amount_pence=999,
                                       payee="Printing")
    attachment_id = attachments.attach_receipt(group, paid.id, filename="C:\\Scans\\receipt.png", data=PNG)
    view, data = attachments.get_attachment(group, attachment_id)
    assert (view.filename, view.mime, data) == ("receipt.png", "image/png", PNG)
    assert transactions.get_transaction(group, paid.id).attachments == 1
    with pytest.raises(ValidationError, match="too big"):
        attachments.attach_receipt(group, paid.id, filename="huge.png",
                                   data=PNG + b"\x00" * attachments.MAX_ATTACHMENT_BYTES)
    with pytest.raises(ValidationError, match="PDF or a picture"):
        attachments.attach_receipt(group, paid.id, filename="notes.txt", data=b"hello")


def test_reconciling_ticks_lines_shows_the_difference_and_finishes_only_at_zero(group):
    acct = set_up(group)
    subs = transactions.record_receipt(group, account_id=acct.bank, on=date(2025, 5, 1), amount_pence=12_000,
                                       payee="Subs")
    hall = transactions.record_payment(group, account_id=acct.bank, on=date(2025, 5, 3), amount_pence=4_500,
                                       payee="Hall")
    late = transactions.record_payment(group, account_id=acct.bank, on=date(2025, 5, 30), amount_pence=700,
                                       payee="Cheque not yet cashed")
    statement = reconcile.start_statement(group, account_id=acct.bank, statement_date=date(2025, 5, 31),
                                          closing_balance_pence=107_500)
    state = reconcile.tick(group, statement, [subs.id])
    assert state.difference_pence == -4_500
    with pytest.raises(ValidationError, match="difference of -£45.00") as caught:
        reconcile.finish(group, statement, today=date(2025, 6, 5))
    assert caught.value.field == "difference"
    state = reconcile.tick(group, statement, [hall.id])
    assert state.difference_pence == 0 and {t.id for t in state.lines} == {subs.id, hall.id, late.id}
    done = reconcile.finish(group, statement, today=date(2025, 6, 5))
    assert done.reconciled_on == date(2025, 6, 5)
    assert books.list_accounts(group)[0].cleared_balance_pence == 107_500
    with pytest.raises(ValidationError, match="reconciled"):
        transactions.delete_transaction(group, hall.id)
    with pytest.raises(ValidationError, match="date and amount cannot change"):
        transactions.update_transaction(group, hall.id, amount_pence=4_000)
    assert transactions.update_transaction(group, hall.id, payee="St Mary's Hall").payee == "St Mary's Hall"
    with pytest.raises(ValidationError, match="already reconciled"):
        reconcile.tick(group, statement, [late.id])


def test_payee_rules_learn_from_the_treasurers_choice_and_the_newest_choice_wins(group):
    acct = set_up(group)
    line = transactions.record_payment(group, account_id=acct.bank, on=date(2025, 5, 1), amount_pence=1_000,
                                       payee="TESCO STORES 3217")
    assert payee_rules.suggest(group, payee="Tesco Stores 4410") is None
    transactions.categorise(group, line.id, category_id=acct.categories["Refreshments"])
    assert payee_rules.suggest(group, payee="Tesco Stores 4410").category_name == "Refreshments"
    transactions.categorise(group, line.id, category_id=acct.categories["Printing and stationery"])
    assert payee_rules.suggest(group, payee="TESCO STORES").category_name == "Printing and stationery"
    assert payee_rules.suggest(group, payee="Tescos") is None
    later = transactions.record_payment(group, account_id=acct.bank, on=date(2025, 6, 1), amount_pence=500,
                                        payee="TESCO STORES 9901", learn=False)
    refund = transactions.record_receipt(group, account_id=acct.bank, on=date(2025, 6, 2), amount_pence=500,
                                         payee="TESCO STORES 9901", learn=False)
    assert transactions.apply_rules(group) == 1  # the payment; a refund is not a payment category's business
    assert transactions.get_transaction(group, later.id).category_name == "Printing and stationery"
    assert transactions.get_transaction(group, refund.id).uncategorised


def test_financial_years_follow_the_groups_start_month(group):
    assert years.financial_year(group, 2025).start == date(2025, 4, 1)
    assert years.financial_year(group, 2025).end == date(2026, 3, 31)
    assert years.financial_year(group, 2025).label == "2025/26"
    group_service.update_profile(group, financial_year_start_month=1)
    assert years.financial_year(group, 2025).label == "2025"
    assert years.current_financial_year(group, today=date(2026, 2, 1)).year == 2026
    assert years.year_containing(date(2026, 2, 1), 9).year == 2025


def test_an_imported_line_that_was_the_cash_tin_being_banked_becomes_a_transfer(group):
    acct = set_up(group, cash_opening=6_000)
    banked = transactions.record_receipt(group, account_id=acct.bank, on=date(2025, 8, 1), amount_pence=5_000,
                                         payee="PAID IN AT BRANCH")
    bank_side, cash_side = transactions.mark_as_transfer(group, banked.id, other_account_id=acct.cash)
    assert bank_side.transfer_id == cash_side.transfer_id and cash_side.amount_pence == -5_000
    assert {a.name: a.balance_pence for a in books.list_accounts(group)} == {"Community Account": 105_000,
                                                                             "Cash tin": 1_000}
    typed = transactions.record_payment(group, account_id=acct.cash, on=date(2025, 9, 1), amount_pence=700,
                                        payee="to bank")
    imported = transactions.record_receipt(group, account_id=acct.bank, on=date(2025, 9, 2), amount_pence=700,
                                           payee="CASH DEPOSIT")
    with pytest.raises(ValidationError, match="opposite amount"):
        transactions.mark_as_transfer(group, imported.id, other_account_id=acct.cash, match_id=bank_side.id)
    transactions.mark_as_transfer(group, imported.id, other_account_id=acct.cash, match_id=typed.id)
    assert transactions.search_transactions(group, uncategorised=True) == []
    assert books.list_funds(group)[0].balance_pence == 106_000


@pytest.mark.parametrize("off_by", [1, -1])
def test_a_statement_one_penny_out_stays_unreconcilable(group, off_by):
    acct = set_up(group)
    subs = transactions.record_receipt(group, account_id=acct.bank, on=date(2025, 5, 1), amount_pence=12_000,
                                       payee="Subs")
    statement = reconcile.start_statement(group, account_id=acct.bank, statement_date=date(2025, 5, 31),
                                          closing_balance_pence=112_000 + off_by)
    state = reconcile.tick(group, statement, [subs.id])
    assert state.difference_pence == off_by
    with pytest.raises(ValidationError, match="difference of"):
        reconcile.finish(group, statement, today=date(2025, 6, 5))
    assert reconcile.reconciliation(group, statement).reconciled_on is None
