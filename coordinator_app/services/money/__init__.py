"""The treasurer's books: accounts, funds, categories, transactions, grants, reconciliation, year-end accounts.

Import the module you need (``from coordinator_app.services.money import transactions``); every function
takes the open group file first and returns frozen dataclasses. Amounts are signed integer pence from the
account's point of view: money in is positive, money out negative.
"""
