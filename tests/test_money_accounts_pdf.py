"""The accounts PDF reads like the Charity Commission's CC16 form and prints the read model's figures."""

from __future__ import annotations

from datetime import date

import pypdfium2
from money_helpers import set_up
from pypdf import PdfReader

from coordinator_app.db.models import BalanceItemKind, FundKind
from coordinator_app.reports.accounts import make_accounts_report
from coordinator_app.reports.look import money_text
from coordinator_app.services.money import balance_items, books, grants, transactions


def _realistic_year(group):
    acct = set_up(group, opened_on=date(2024, 4, 1), bank_opening=84_250, cash_opening=3_500)
    c = acct.categories
    grant_id = grants.add_grant(group, funder="National Lottery Community Fund", reference="NLCF-2025-0173",
                                amount_pence=480_000, starts_on=date(2025, 4, 1), ends_on=date(2026, 3, 31),
                                budget_lines=[("Room hire", 180_000), ("Training", 120_000)])
    grant = grants.get_grant(group, grant_id)
    odd = books.add_fund(group, name="Tom & Jerry <3 fund", kind=FundKind.RESTRICTED)
    entries = [
        (date(2024, 6, 1), 12_000, "Members' subs", c["Members' subscriptions"], None),
        (date(2025, 4, 20), 480_000, "NLCF", c["Grants received"], grant.fund_id),
        (date(2025, 5, 10), 25_050, "Zoë Adams – sponsored walk", c["Fundraising events"], None),
        (date(2025, 6, 2), 5_000, "Łukasz Wójcik", c["Donations"], odd),
        (date(2025, 9, 30), 88, "Bank interest", c["Bank interest"], None),
        (date(2025, 11, 5), -4_500, "St Mary's Church Hall", c["Room hire"], grant.fund_id),
        (date(2025, 12, 1), -15_000, "Mind – facilitator training", c["Training"], grant.fund_id),
        (date(2026, 1, 15), -12_000, "Independent examiner", c["Independent examiner's fee"], None),
        (date(2026, 2, 1), -2_399, "Unknown card payment", None, None),
    ]
    for on, pence, payee, category, fund in entries:
        record = transactions.record_receipt if pence > 0 else transactions.record_payment
        record(group, account_id=acct.bank, on=on, amount_pence=abs(pence), payee=payee, category_id=category,
               fund_id=fund)
    transactions.move_between_funds(group, from_fund_id=acct.general, to_fund_id=odd, on=date(2025, 7, 1),
                                    amount_pence=1_000)
    balance_items.add_balance_item(group, kind=BalanceItemKind.LIABILITY, description="Hall hire for March unpaid",
                                   amount_pence=4_500, as_at=date(2026, 3, 31), fund_id=grant.fund_id)
    balance_items.add_balance_item(group, kind=BalanceItemKind.ASSET_FOR_USE, description="Laptop and projector",
                                   as_at=date(2026, 3, 31))
    return acct


def test_the_accounts_pdf_prints_the_cc16_sections_with_the_read_models_figures(group, tmp_path):
    _realistic_year(group)
    out = tmp_path / "accounts.pdf"
    figures = make_accounts_report(group, year=2025, path=out)
    reader = PdfReader(out)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for words in ("Section A: Receipts and payments", "A1 Receipts", "A2 Payments", "A3 Transfers between funds",
                  "Cash funds this year end", "Section B: Statement of assets and liabilities at 31 March 2026",
                  "B1 Cash funds", "B3 Liabilities", "Hall hire for March unpaid", "Laptop and projector",
                  "Signed by one or two trustees", "Tom & Jerry <3 fund", "Unknown card payment"):
        assert words in text
    for pence in (figures.total_receipts.total, figures.total_payments.total, figures.cash_end.total,
                  figures.cash_end.restricted, figures.cash_start.total):
        assert money_text(pence, brackets=True) in text
    assert figures.cash_end.total == figures.cash_by_account_total == 84_250 + 3_500 + 12_000 + 480_000 + 25_050 \
        + 5_000 + 88 - 4_500 - 15_000 - 12_000 - 2_399
    assert figures.cash_end.last_year == figures.cash_start.total == 84_250 + 3_500 + 12_000


def test_every_font_is_embedded_and_every_page_has_ink(group, tmp_path):
    _realistic_year(group)
    out = tmp_path / "accounts.pdf"
    make_accounts_report(group, year=2025, path=out)
    for page in PdfReader(out).pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()
            if "/DescendantFonts" in descendant:
                descendant = descendant["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"].get_object()
    document = pypdfium2.PdfDocument(out)
    for index in range(len(document)):
        image = document[index].render(scale=0.5).to_pil().convert("L")
        assert image.getextrema()[0] < 100  # something dark was printed
