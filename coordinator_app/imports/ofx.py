"""OFX statements (Money, Quicken and some UK banks offer them), read with the ofxtools library."""

from __future__ import annotations

import io
import warnings
from datetime import date, datetime
from decimal import Decimal

from coordinator_app.services.money.amounts import MAX_PENCE
from coordinator_app.services.money.statement_import import StatementLine
from coordinator_app.services.validate import shorten

from .csv_text import ImportProblem, visible_text
from .dates import DateOutOfRange, in_range


def is_ofx(data: bytes) -> bool:
    head = data[:2000].lstrip(b"\xef\xbb\xbf \r\n\t").upper()
    return head.startswith(b"OFXHEADER") or (head.startswith(b"<?XML") and b"<OFX>" in data[:4000].upper())


def _pence(amount: Decimal) -> int:
    if amount.is_finite() and int(amount.as_tuple().exponent) > 0:  # 1E9: written as no bank writes money
        raise ImportProblem(f"The OFX file has an amount written as {amount}, not as money such as 12.50; nothing "
                            "was imported.")
    if not amount.is_finite() or abs(amount) * 100 >= MAX_PENCE:  # the same limit as every other way in
        shown = str(amount) if len(str(amount)) <= 30 else str(amount)[:27] + "…"
        raise ImportProblem(f"The OFX file has an amount far too large to be right ({shown}); nothing was imported.")
    pence = amount * 100
    if pence != pence.to_integral_value():
        raise ImportProblem(f"The OFX file has an amount with fractions of a penny ({amount}); nothing was imported.")
    return int(pence)


def _date(number: int, when: datetime) -> date:
    try:
        return in_range(when.date())
    except DateOutOfRange as exc:
        raise ImportProblem(f"The OFX file's transaction {number} has a date that {exc} Nothing was imported."
                            ) from None


def parse_ofx(data: bytes) -> tuple[StatementLine, ...]:
    """Every transaction of every statement in the file, numbered in file order for messages."""
    from ofxtools.Parser import OFXTree  # loaded only for an OFX file: it takes a tenth of a second

    tree = OFXTree()
    try:
        with warnings.catch_warnings():  # a payee over 32 characters is fine by us; say nothing on the terminal
            warnings.simplefilter("ignore")
            tree.parse(io.BytesIO(data))
            ofx = tree.convert()
            statements = list(ofx.statements)
    except Exception as exc:  # ofxtools raises many kinds of error for a damaged or unusual file
        why = shorten(" ".join(str(exc).split()) or type(exc).__name__, 80)
        raise ImportProblem(f"The OFX file could not be read ({why}); nothing was imported.") from exc
    lines = []
    for statement in statements:
        for number, item in enumerate(statement.banktranlist or (), start=len(lines) + 1):
            description = " ".join(visible_text(" ".join(part for part in (item.name, item.memo) if part)).split())
            lines.append(StatementLine(row=number, on=_date(number, item.dtposted), amount_pence=_pence(item.trnamt),
                                       description=description, reference=visible_text(item.fitid or "")))
    if not lines:
        raise ImportProblem("The OFX file holds no transactions.")
    return tuple(lines)
