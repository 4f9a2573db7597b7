"""The treasurer's commands: ``import transactions``, ``export transactions`` and ``report accounts``.

``--year 2025`` always means the group's financial year that starts in 2025; ``export transactions`` also
takes ``--from``/``--to`` (either may be left out) or ``--all``.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from coordinator_app.exports.accounts_xlsx import export_accounts_xlsx
from coordinator_app.exports.transactions_csv import export_transactions_csv
from coordinator_app.exports.transactions_xlsx import export_transactions_xlsx
from coordinator_app.imports.bank import ROLES, ColumnsNotFound, import_statement
from coordinator_app.imports.csv_text import ImportProblem
from coordinator_app.reports.accounts import make_accounts_report
from coordinator_app.services.errors import ValidationError
from coordinator_app.services.money.books import find_account
from coordinator_app.services.money.years import chosen_span

from .common import CommandLine, opened_group


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"“{text}” is not a year; write it like 2025")
    return int(text)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date; write it as YYYY-MM-DD, e.g. 2025-04-01") from None


def _columns(text: str) -> dict[str, str]:
    mapping = {}
    for part in text.split(","):
        role, _, header = part.partition("=")
        role = role.strip().lower().replace(" ", "_")
        if role not in ROLES or not header.strip():
            raise argparse.ArgumentTypeError(
                f"“{part.strip()}” is not KIND=HEADER; kinds are {', '.join(ROLES)}")
        mapping[role] = header.strip()
    return mapping


def register(cli: CommandLine) -> None:
    parser = cli.add(cli.group("import"), "transactions", handler=_import,
                     help="add a bank statement (CSV or OFX) to an account: every new line, or none",
                     description="Add a bank statement saved as CSV or OFX to one of the group's accounts. Lines "
                     "already imported are skipped, so an overlapping statement adds nothing twice. If any line "
                     "is wrong nothing is imported, and the row and column are named.")
    parser.add_argument("file", type=Path, metavar="FILE", help="the statement, as the bank's website saved it")
    parser.add_argument("--account", required=True, metavar="NAME", help="the account's name, e.g. \"Cash tin\"")
    parser.add_argument("--columns", type=_columns, metavar="KIND=HEADER,...",
                        help="say which columns are which when they are not recognised, e.g. "
                        "\"date=When,description=What,amount=How much\" (remembered for the account)")

    parser = cli.add(cli.group("export"), "transactions", handler=_export,
                     help="write a financial year's transactions, those between two dates, or all, to CSV or Excel")
    span = parser.add_mutually_exclusive_group()
    span.add_argument("--year", type=_year, help="the financial year starting in YEAR, e.g. 2025")
    span.add_argument("--from", dest="start", type=_iso_date, metavar="YYYY-MM-DD",
                      help="the first day (with --to, or alone for everything since)")
    span.add_argument("--all", action="store_true", help="every transaction in the books")
    parser.add_argument("--to", dest="end", type=_iso_date, metavar="YYYY-MM-DD",
                        help="the last day (alone: everything up to it)")
    parser.add_argument("--format", choices=("csv", "xlsx"), help="csv or xlsx (default: from OUT's ending)")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT", help="where to save it")

    parser = cli.add(cli.group("report"), "accounts", handler=_accounts,
                     help="the year's receipts and payments accounts (CC16 form) as PDF or Excel")
    parser.add_argument("--year", type=_year, required=True, help="the financial year starting in YEAR, e.g. 2025")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf|OUT.xlsx",
                        help="where to save it; .xlsx makes a workbook, anything else a PDF")


def _import(args: argparse.Namespace) -> int:
    with opened_group(args) as group:
        account = find_account(group, args.account)
        try:
            result = import_statement(group, account_id=account.id, path=args.file, mapping=args.columns)
        except ColumnsNotFound as exc:
            raise ImportProblem(f"{exc} Say which is which with --columns \"date=...,description=...,amount=...\"."
                                ) from exc
    lines = "line" if result.added == 1 else "lines"
    print(f"Imported {result.added} new {lines} into “{account.name}”.")
    if result.already_there:
        print(f"{result.already_there} were already in the books and were skipped.")
    if result.added:
        print(f"{result.categorised} were categorised from earlier choices; {result.uncategorised} need a category.")
    return 0


def _export(args: argparse.Namespace) -> int:
    kind = args.format or ("xlsx" if args.output.suffix.lower() == ".xlsx" else "csv")
    if args.end is not None and (args.year is not None or args.all):
        raise ValidationError("span", "--to goes with --from, or alone; not with --year or --all.")
    if args.year is None and args.start is None and args.end is None and not args.all:
        raise ValidationError("span", "Say which transactions to export: --year 2025, --from and --to dates, "
                                      "or --all.")
    with opened_group(args, read_only=True) as group:
        span = chosen_span(group, year=args.year, start=args.start, end=args.end)
        writer = export_transactions_xlsx if kind == "xlsx" else export_transactions_csv
        count = writer(group, start=span.start, end=span.end, path=args.output)
    print(f"Wrote {count} transactions for {span.label} to {args.output}.")
    return 0


def _accounts(args: argparse.Namespace) -> int:
    with opened_group(args, read_only=True) as group:
        if args.output.suffix.lower() == ".xlsx":
            accounts = export_accounts_xlsx(group, year=args.year, path=args.output)
        else:
            accounts = make_accounts_report(group, year=args.year, path=args.output)
    print(f"Wrote the accounts for the {accounts.year.ended_label} to {args.output}.")
    for note in accounts.notes:
        print(f"Note: {note}")
    return 0
