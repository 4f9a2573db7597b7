"""OFX statements (Money, Quicken and some UK banks offer them), read with the ofxtools library."""

from __future__ import annotations

import io
from decimal import Decimal

from coordinator_app.services.money.statement_import import StatementLine

from .csv_text import ImportProblem


def is_ofx(data: bytes) -> bool:
    head = data[:2000].lstrip(b"\xef\xbb\xbf \r\n\t").upper()
    return head.startswith(b"OFXHEADER") or (head.startswith(b"<?XML") and b"<OFX>" in data[:4000].upper())


def _pence(amount: Decimal) -> int:
    pence = amount * 100
    if pence != pence.to_integral_value():
        raise ImportProblem(f"The OFX file has an amount with fractions of a penny ({amount}); nothing was imported.")
    return int(pence)


def parse_ofx(data: bytes) -> tuple[StatementLine, ...]:
    """Every transaction of every statement in the file, numbered in file order for messages."""
    from ofxtools.Parser import OFXTree  # loaded only for an OFX file: it takes a tenth of a second

    tree = OFXTree()
    try:
        tree.parse(io.BytesIO(data))
        ofx = tree.convert()
        statements = list(ofx.statements)
    except Exception as exc:  # ofxtools raises many kinds of error for a damaged or unusual file
        raise ImportProblem(f"The OFX file could not be read ({exc}); nothing was imported.") from exc
    lines = []
    for statement in statements:
        for number, item in enumerate(statement.banktranlist or (), start=len(lines) + 1):
            description = " ".join(" ".join(part for part in (item.name, item.memo) if part).split())
            lines.append(StatementLine(row=number, on=item.dtposted.date(), amount_pence=_pence(item.trnamt),
                                       description=description, reference=item.fitid or ""))
    if not lines:
        raise ImportProblem("The OFX file holds no transactions.")
    return tuple(lines)
