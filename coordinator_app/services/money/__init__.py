"""The treasurer's books: accounts, funds, categories, transactions, grants, reconciliation, year-end accounts.

Import the module you need (``from coordinator_app.services.money import transactions``); every function
takes the open group file first and returns frozen dataclasses. Amounts are signed integer pence from the
account's point of view: money in is positive, money out negative.

- ``amounts``: parse and format money (the one place that does).
- ``years``: financial years from the group's start month (``2025`` is the year starting in 2025).
- ``books``: accounts with balances, funds with balances, categories under the CC16 headings.
- ``transactions``: receipts, payments, transfers between accounts and funds; the register and search.
- ``grants``: grants, budget lines, spend against budget. ``approvals``: two approvers for cash over £100.
- ``attachments``: receipt scans kept in the file. ``payee_rules``: categories learned from the treasurer.
- ``reconcile``: statement date and balance, tick cleared lines, finish only at a zero difference.
- ``statement_import``: add a parsed statement's lines once each (``imports.bank`` reads the files).
- ``balance_items`` and ``year_accounts``: the receipts and payments account and the statement of assets
  and liabilities, read by the PDF (``reports.accounts``) and the XLSX (``exports.accounts_xlsx``) alike.
"""
