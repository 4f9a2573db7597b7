"""The Money page: keyboard entry, the statement import wizard, reconciling to zero, the year end, and that
every box can be named by a screen reader. Each test reopens the group file to prove what was saved."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from gui_helpers import TODAY, focused, press, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from test_every_page import unlabelled_inputs

from coordinator_app.db.groupfile import opened
from coordinator_app.services.money import books, grants, reconcile, statement_import, transactions
from coordinator_app.services.money.amounts import format_pence, parse_pence
from coordinator_app.services.money.year_accounts import year_accounts
from coordinator_app.ui.money import register_model
from coordinator_app.ui.money.columns import TICK_COLUMNS, TickModel
from coordinator_app.ui.tables import ROW_ROLE, selected_row

pytestmark = pytest.mark.gui

BANK = Path(__file__).resolve().parent.parent / "data" / "bank"
STEP_COLUMNS, STEP_PREVIEW, STEP_DONE = 1, 2, 3
BACKGROUND_MS = 20_000  # work off the window's thread, on a machine that may be busy


@pytest.fixture
def accounts(group_path: Path) -> dict[str, int]:
    """A bank account holding £100.00 and a cash tin, from 1 April 2025."""
    with opened(group_path) as group:
        bank = books.add_account(group, name="Community account", opened_on=date(2025, 4, 1),
                                 opening_balance_pence=10_000)
        cash = books.add_account(group, name="Cash tin", kind=books.AccountKind.CASH, opened_on=date(2025, 4, 1))
        books.update_fund(group, books.list_funds(group)[0].id, opening_balance_pence=10_000)
    return {"bank": bank, "cash": cash}


def register_of(group_path: Path, account_id: int) -> list[transactions.RegisterLine]:
    with opened(group_path) as group:
        return transactions.register(group, account_id=account_id)


def money_page(make_window, group_path: Path):
    window = make_window(group_path, page="money")
    return window, window.desktop.current_page()


def test_enter_a_payment_by_keyboard_only(qtbot, make_window, group_path, accounts):
    window, page = money_page(make_window, group_path)
    entry = page.register.entry
    assert page.register.account_id == accounts["bank"]
    entry.direction.setFocus()
    qtbot.waitUntil(lambda: focused() is entry.direction)
    press(qtbot, Qt.Key.Key_Tab)  # the date stays today
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is entry.payee
    type_text(qtbot, "Tom & Jerry <3")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "1,234.56")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is entry.category
    type_text(qtbot, "Room")  # a list box finds by the first letters typed
    press(qtbot, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: page.register.model.rowCount() == 1)
    assert entry.payee.text() == "" and entry.amount.text() == ""
    assert focused() is entry.payee  # ready for the next one
    (line,) = register_of(group_path, accounts["bank"])
    saved = line.transaction
    assert (saved.on, saved.payee, saved.amount_pence, saved.category_name) == (
        TODAY, "Tom & Jerry <3", -123_456, "Room hire")
    assert line.balance_pence == 10_000 - 123_456
    shown = page.register.model
    assert shown.index(0, 5).data() == "£1,234.56"  # money out
    assert shown.index(0, 6).data() == "-£1,134.56"  # the running balance

    window.undo_stack.undo()  # Edit ▸ Undo takes the entry away
    assert register_of(group_path, accounts["bank"]) == []
    window.undo_stack.redo()
    assert [ln.transaction.payee for ln in register_of(group_path, accounts["bank"])] == ["Tom & Jerry <3"]


def test_a_receipt_with_a_bad_amount_is_explained_beside_the_box_and_nothing_is_saved(
        qtbot, make_window, group_path, accounts):
    _window, page = money_page(make_window, group_path)
    entry = page.register.entry
    entry.direction.setCurrentIndex(entry.direction.findData("in"))
    entry.payee.setText("Zoë Adams")  # QTest types ASCII only
    qtbot.keyClicks(entry.amount, "twelve pounds")
    qtbot.keyClick(entry.amount, Qt.Key.Key_Return)
    error = entry.form._errors["amount"]
    assert error.isVisibleTo(page) and "not an amount of money" in error.text()
    assert focused() is entry.amount
    assert register_of(group_path, accounts["bank"]) == []

    entry.amount.setText("£12.50")
    qtbot.keyClick(entry.amount, Qt.Key.Key_Enter)
    assert not error.isVisibleTo(page)
    (line,) = register_of(group_path, accounts["bank"])
    assert (line.transaction.payee, line.transaction.amount_pence, line.balance_pence) == ("Zoë Adams", 1250, 11_250)


def test_search_as_you_type_keeps_the_true_running_balance(qtbot, make_window, group_path, accounts):
    with opened(group_path) as group:
        for payee, pence in (("Zoë Adams", 2_000), ("Łukasz Wójcik", 3_000), ("St Mary's Church Hall", 4_500)):
            record = transactions.record_receipt if payee != "St Mary's Church Hall" else transactions.record_payment
            record(group, account_id=accounts["bank"], on=date(2025, 5, 1), amount_pence=pence, payee=payee)
    _window, page = money_page(make_window, group_path)
    qtbot.keyClicks(page.register.search, "lukasz")
    shown = page.register.model
    qtbot.waitUntil(lambda: shown.rowCount() == 1, timeout=BACKGROUND_MS)  # once typing pauses
    assert (shown.index(0, 1).data(), shown.index(0, 6).data()) == ("Łukasz Wójcik", "£150.00")
    assert "1 of 3 lines match" in page.register.count_label.text()


def test_a_long_register_is_read_a_page_at_a_time_and_searched_off_the_window_thread(
        qtbot, make_window, group_path, accounts, monkeypatch):
    monkeypatch.setattr(register_model, "PAGE", 2)  # five lines make three pages
    monkeypatch.setattr(register_model, "SMALL", 0)  # and count as a long register
    with opened(group_path) as group:
        for day, payee, pence in ((1, "Zoë Adams", 2_000), (2, "Tesco", -450), (3, "Café Łódź", -1_200),
                                  (4, "Tesco Express", -300), (5, "Raffle", 950)):
            record = transactions.record_receipt if pence > 0 else transactions.record_payment
            record(group, account_id=accounts["bank"], on=date(2025, 5, day), amount_pence=abs(pence), payee=payee)
    _window, page = money_page(make_window, group_path)
    register, model = page.register, page.register.model
    every_line = register_of(group_path, accounts["bank"])
    assert [model.index(row, 0).data(ROW_ROLE) for row in range(model.rowCount())] == every_line
    assert model.index(4, 6).data() == "£110.00"  # the running balance on the last page
    express = every_line[3].transaction.id
    assert register.select_line(express)

    qtbot.keyClicks(register.search, "TESCO")
    qtbot.waitUntil(lambda: "2 of 5 lines match" in register.count_label.text(), timeout=BACKGROUND_MS)
    shown = [model.index(row, 0).data(ROW_ROLE) for row in range(model.rowCount())]
    assert [(ln.transaction.payee, ln.balance_pence) for ln in shown] == [("Tesco", 11_550), ("Tesco Express", 10_050)]
    assert selected_row(register.table).transaction.id == express  # the chosen line stays chosen

    register.search.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 5, timeout=BACKGROUND_MS)
    qtbot.keyClicks(register.search, "cafe lodz")  # accents aside
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=BACKGROUND_MS)
    assert model.index(0, 1).data() == "Café Łódź"
    assert "1 of 5 lines match" in register.count_label.text()


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))


def test_import_a_statement_whose_columns_are_asked_for_once(qtbot, make_window, group_path, accounts, monkeypatch):
    _window, page = money_page(make_window, group_path)
    choose_file(monkeypatch, BANK / "unknown_headers.csv")
    page.import_statement()
    wizard = page.dialog
    qtbot.waitExposed(wizard)
    qtbot.mouseClick(wizard.browse, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.step() == STEP_COLUMNS, timeout=BACKGROUND_MS)  # which is which?
    widgets = wizard.columns_form.widgets
    widgets["date"].setCurrentIndex(widgets["date"].findData("When"))
    widgets["description"].setCurrentIndex(widgets["description"].findData("What"))
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.step() == STEP_COLUMNS  # no amount chosen yet: said beside the amount box
    assert wizard.columns_form._errors["amount"].isVisibleTo(wizard)
    widgets["amount"].setCurrentIndex(widgets["amount"].findData("How much"))
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.step() == STEP_PREVIEW, timeout=BACKGROUND_MS)
    assert wizard.preview_model.rowCount() == 2
    assert wizard.next_button.text().replace("&", "") == "Import 2 new lines"
    assert register_of(group_path, accounts["bank"]) == []  # the preview changes nothing

    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.step() == STEP_DONE, timeout=BACKGROUND_MS)
    assert "Added 2 lines" in wizard.done_note.text()
    lines = register_of(group_path, accounts["bank"])
    assert [(ln.transaction.payee, ln.transaction.amount_pence) for ln in lines] == [
        ("Hall hire", -4_500), ("Subs", 12_000)]
    with opened(group_path) as group:
        assert statement_import.remembered_mapping(group, account_id=accounts["bank"]) == {
            "date": "When", "description": "What", "amount": "How much"}
    wizard.close_button.click()
    assert page.register.model.rowCount() == 2  # the register shows them at once


def test_importing_the_same_statement_again_adds_nothing(qtbot, make_window, group_path, accounts, monkeypatch):
    _window, page = money_page(make_window, group_path)
    choose_file(monkeypatch, BANK / "barclays.csv")
    for expected in ("new lines will be added", "Nothing new"):
        page.import_statement()
        wizard = page.dialog
        wizard.choose_file()
        wizard.next()
        qtbot.waitUntil(lambda wizard=wizard: wizard.step() == STEP_PREVIEW, timeout=BACKGROUND_MS)
        assert expected in wizard.preview_note.text()
        if expected == "Nothing new":
            assert not wizard.next_button.isEnabled()
            wizard.reject()
            break
        wizard.next()
        qtbot.waitUntil(lambda wizard=wizard: wizard.step() == STEP_DONE, timeout=BACKGROUND_MS)
        wizard.accept()
    assert len(register_of(group_path, accounts["bank"])) == 5  # the statement's five lines, once each


def test_a_file_that_is_not_a_statement_is_explained_in_the_wizard(qtbot, make_window, group_path, accounts,
                                                                  monkeypatch):
    _window, page = money_page(make_window, group_path)
    choose_file(monkeypatch, BANK / "bad_amount_row7.csv")
    page.import_statement()
    wizard = page.dialog
    wizard.choose_file()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.error.isVisibleTo(wizard), timeout=BACKGROUND_MS)
    assert "row 7" in wizard.error.text()
    assert register_of(group_path, accounts["bank"]) == []


def test_reconcile_to_zero_then_mark_reconciled(qtbot, make_window, group_path, accounts):
    with opened(group_path) as group:
        for day, payee, pence in ((3, "Zoë Adams", 2_500), (9, "St Mary's Church Hall", -4_000), (20, "Later", 700)):
            record = transactions.record_receipt if pence > 0 else transactions.record_payment
            record(group, account_id=accounts["bank"], on=date(2025, 5, day), amount_pence=abs(pence), payee=payee)
    _window, page = money_page(make_window, group_path)
    page.tabs.setCurrentWidget(page.reconcile)
    tab = page.reconcile
    tab.statement_date.setDate(date(2025, 5, 15))
    qtbot.keyClicks(tab.balance, "eighty")
    qtbot.keyClick(tab.balance, Qt.Key.Key_Return)
    assert "not an amount of money" in tab.form._errors["balance"].text()
    with opened(group_path) as group:
        assert reconcile.list_statements(group, account_id=accounts["bank"]) == []  # nothing started
    tab.balance.clear()
    qtbot.keyClicks(tab.balance, "85.00")  # £100.00 + £25.00 - £40.00
    qtbot.keyClick(tab.balance, Qt.Key.Key_Return)
    assert [tab.model.rows[r].payee for r in range(tab.model.rowCount())] == ["Zoë Adams", "St Mary's Church Hall"]
    assert "Difference: -£15.00" in tab.difference.text()
    assert not tab.finish_button.isEnabled()

    assert focused() is tab.table
    press(qtbot, Qt.Key.Key_Space)  # tick Zoë's line
    assert "Difference: -£40.00" in tab.difference.text()
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)
    assert "✓ Difference: £0.00" in tab.difference.text()
    assert tab.finish_button.isEnabled()
    qtbot.mouseClick(tab.finish_button, Qt.MouseButton.LeftButton)

    with opened(group_path) as group:
        (statement,) = reconcile.list_statements(group, account_id=accounts["bank"])
        cleared = [ln.transaction.payee for ln in transactions.register(group, account_id=accounts["bank"])
                   if ln.transaction.cleared]
    assert (statement.statement_date, statement.closing_balance_pence, statement.reconciled_on) == (
        date(2025, 5, 15), 8_500, TODAY)
    assert cleared == ["Zoë Adams", "St Mary's Church Hall"]
    assert "reconciled on" in tab.title.text()


def test_the_year_end_shows_the_accounts_figures_and_saves_the_files(qtbot, make_window, group_path, accounts,
                                                                    monkeypatch, tmp_path):
    with opened(group_path) as group:
        transactions.record_receipt(group, account_id=accounts["bank"], on=date(2025, 6, 1), amount_pence=12_000,
                                    payee="=SUM(A1:A9)")
        transactions.record_payment(group, account_id=accounts["bank"], on=date(2025, 6, 2), amount_pence=4_500,
                                    payee="St Mary's Church Hall", category_id=books.find_category(
                                        group, "Room hire", direction=books.CategoryDirection.PAYMENT).id)
        expected = year_accounts(group, year=2025)
    _window, page = money_page(make_window, group_path)
    page.tabs.setCurrentWidget(page.year_end)
    tab = page.year_end
    tab.year.setCurrentIndex(tab.year.findData(2025))
    shown = {tab.summary_model.rows[r].label.strip(): tab.summary_model.index(r, 3).data()
             for r in range(tab.summary_model.rowCount())}
    assert shown["Total receipts"] == format_pence(expected.total_receipts.total) == "£120.00"
    assert shown["Total payments"] == "£45.00"
    assert shown["Cash at the end of the year"] == format_pence(expected.cash_end.total) == "£175.00"
    assert tab.uncategorised_model.rowCount() == 1  # the receipt nobody has categorised yet
    assert "1 line not yet categorised" in tab.uncategorised_title.text()

    for key, name in (("transactions_csv", "year.csv"), ("accounts_pdf", "accounts.pdf"),
                      ("accounts_xlsx", "accounts.xlsx")):
        target = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, target=target, **_k: (str(target), ""))
        qtbot.mouseClick(tab.buttons[key], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda key=key: tab.buttons[key].isEnabled(), timeout=20_000)
        assert target.exists()
    assert (tmp_path / "accounts.pdf").read_bytes().startswith(b"%PDF")
    assert "'=SUM(A1:A9)" in (tmp_path / "year.csv").read_text(encoding="utf-8-sig")  # neutralised
    sheet = openpyxl.load_workbook(tmp_path / "accounts.xlsx").active
    in_excel = {row[0]: row[3] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    for label in ("Total receipts", "Total payments"):  # what the page shows is what Excel gets, to the penny
        assert parse_pence(shown[label]) == round(in_excel[label] * 100)


def test_every_box_on_the_money_page_and_its_dialogs_has_a_name(qtbot, make_window, group_path, accounts):
    with opened(group_path) as group:
        transactions.record_payment(group, account_id=accounts["bank"], on=date(2025, 5, 1), amount_pence=999,
                                    payee="St Mary's Church Hall")
    window, page = money_page(make_window, group_path)
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        assert unlabelled_inputs(page) == [], page.tabs.tabText(index)
    page.tabs.setCurrentIndex(0)
    page.import_statement()
    assert unlabelled_inputs(page.dialog) == []
    page.dialog._ask_columns(("When", "What", "How much"))
    assert unlabelled_inputs(page.dialog) == []
    page.dialog.reject()
    page.register.table.selectRow(0)
    for opener, tab in ((page.register.add_account, page.register), (page.register.categorise, page.register),
                        (page.register.approve, page.register), (page.register.move_money, page.register),
                        (page.funds.add_fund, page.funds), (page.funds.move_money, page.funds)):
        before = tab.dialog
        opener()
        assert tab.dialog is not before and tab.dialog.isVisible(), opener.__name__
        assert unlabelled_inputs(tab.dialog) == []
        tab.dialog.done(0)
    assert window.desktop.current_page() is page


def test_the_money_table_models_pass_the_model_tester(qtbot, qtmodeltester, make_window, group_path, accounts):
    with opened(group_path) as group:
        for day in (3, 9):
            transactions.record_receipt(group, account_id=accounts["bank"], on=date(2025, 5, day), amount_pence=100,
                                        payee=f"Gift {day}")
    _window, page = money_page(make_window, group_path)
    qtmodeltester.check(page.register.model, force_py=True)
    page.tabs.setCurrentWidget(page.year_end)
    qtmodeltester.check(page.year_end.summary_model, force_py=True)
    ticks = TickModel(TICK_COLUMNS, lambda _row, _ticked: True)
    ticks.set_rows([ln.transaction for ln in register_of(group_path, accounts["bank"])])
    ticks.set_ticked(0, True)
    assert ticks.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    qtmodeltester.check(ticks, force_py=True)  # a model this test owns, so it outlives the window safely


def test_cash_over_a_hundred_pounds_asks_for_two_approvers(qtbot, make_window, group_path, accounts):
    window, page = money_page(make_window, group_path)
    register = page.register
    register.choose_account(accounts["cash"])
    register.entry.payee.setText("Café Łódź")
    register.entry.amount.setText("150")
    register.entry.save()
    assert "needs a second approver" in register.count_label.text()
    for name in ("Zoë Adams", "Zoë Adams", "Siobhán Ó Briain"):
        register.table.selectRow(0)
        register.approve()
        dialog = register.dialog
        dialog.form.widgets["approver"].setCurrentText(name)
        dialog.accept()
        if dialog.isVisible():  # the same person twice is refused beside the box
            assert "already approved" in dialog.form._errors["approver"].text()
            dialog.reject()
    assert "second approver" not in register.count_label.text()
    (line,) = register_of(group_path, accounts["cash"])
    assert (line.transaction.approvals, line.transaction.needs_second_approver) == (2, False)
    window.undo_stack.undo()
    assert register_of(group_path, accounts["cash"])[0].transaction.approvals == 1


def test_move_money_from_the_bank_to_the_cash_tin_and_between_funds(qtbot, make_window, group_path, accounts):
    window, page = money_page(make_window, group_path)
    page.register.move_money()
    dialog = page.register.dialog
    dialog.form.widgets["to_account"].setCurrentIndex(dialog.form.widgets["to_account"].findData(accounts["bank"]))
    dialog.form.widgets["amount"].setText("20")
    dialog.accept()
    assert "two different accounts" in dialog.form._errors["to_account"].text()  # shown beside the box
    dialog.form.widgets["to_account"].setCurrentIndex(dialog.form.widgets["to_account"].findData(accounts["cash"]))
    dialog.accept()
    assert not dialog.isVisible()
    balances = {a.name: a.balance_pence for a in page.register.accounts_model.rows}
    assert balances == {"Community account": 8_000, "Cash tin": 2_000}

    page.tabs.setCurrentWidget(page.funds)
    with opened(group_path) as group:
        grant_fund = books.add_fund(group, name="Lottery (Zoë's project)", kind=books.FundKind.RESTRICTED)
    page.funds.refresh()
    page.funds.move_money()
    dialog = page.funds.dialog
    dialog.form.widgets["to_fund"].setCurrentIndex(dialog.form.widgets["to_fund"].findData(grant_fund))
    dialog.form.widgets["amount"].setText("£12.34")
    dialog.accept()
    with opened(group_path) as group:
        funds = {f.name: f.balance_pence for f in books.list_funds(group)}
    assert funds == {"General fund": 10_000 - 1_234, "Lottery (Zoë's project)": 1_234}
    window.undo_stack.undo()
    window.undo_stack.undo()
    with opened(group_path) as group:
        assert [a.balance_pence for a in books.list_accounts(group)] == [10_000, 0]
        assert books.list_funds(group)[0].balance_pence == 10_000


def test_a_payment_charged_to_a_grant_shows_as_spend_against_its_budget(qtbot, make_window, group_path, accounts):
    with opened(group_path) as group:
        grants.add_grant(group, funder="Awards for All", reference="AfA-1", amount_pence=100_000,
                         starts_on=date(2025, 4, 1), ends_on=date(2026, 3, 31),
                         budget_lines=[("Room hire", 50_000), ("Refreshments", 10_000)])
    _window, page = money_page(make_window, group_path)
    entry = page.register.entry
    entry.budget_line.setCurrentIndex(entry.budget_line.findText("Awards for All: Room hire"))
    assert entry.fund.currentText() == "Awards for All (AfA-1)" and not entry.fund.isEnabled()
    entry.payee.setText("St Mary's Church Hall")
    entry.amount.setText("45")
    qtbot.keyClick(entry.amount, Qt.Key.Key_Return)
    assert entry.fund.isEnabled()  # the next entry starts without a budget line

    page.tabs.setCurrentWidget(page.funds)
    budget = page.funds.budget_model
    assert [(budget.index(r, 0).data(), budget.index(r, 2).data(), budget.index(r, 3).data())
            for r in range(budget.rowCount())] == [("Room hire", "£45.00", "£455.00"), ("Refreshments", "£0.00",
                                                                                        "£100.00")]
    with opened(group_path) as group:
        (grant,) = grants.list_grants(group)
    assert (grant.spent_pence, grant.fund_balance_pence) == (4_500, -4_500)


def test_a_payment_dated_after_today_is_refused_beside_the_date(qtbot, make_window, group_path, accounts):
    _window, page = money_page(make_window, group_path)
    entry = page.register.entry
    entry.on.setDate(TODAY + timedelta(days=1))
    entry.payee.setText("Village hall")
    qtbot.keyClicks(entry.amount, "25.00")
    qtbot.keyClick(entry.amount, Qt.Key.Key_Return)

    error = entry.form._errors["on"]
    assert error.isVisibleTo(page)
    assert error.text() == "⚠ 11/03/2026 is after today; record money once it has been paid."
    assert register_of(group_path, accounts["bank"]) == []
