"""Money typed or exported in any usual way reads back to the same pence; anything else is refused."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordinator_app.services.errors import ValidationError
from coordinator_app.services.money.amounts import format_pence, format_plain, parse_pence

PENCE = st.integers(min_value=-(10**11), max_value=10**11)


@pytest.mark.parametrize(("text", "pence"), [
    ("12.50", 1250), ("£1,234.56", 123456), ("-£5", -500), ("£-5.00", -500), ("(12.00)", -1200),
    ("(£1,000.00)", -100000), ("12.00 CR", 1200), ("12.00 DR", -1200), ("12.00DR", -1200), (" 7 ", 700),
    (".5", 50), ("3.", 300), ("GBP 4.20", 420), ("1\u00a0000.00", None), ("12.50-", -1250), ("+3.10", 310),
    ("\u22122.00", -200),
])
def test_the_ways_banks_and_people_write_money(text, pence):
    if pence is None:
        with pytest.raises(ValidationError):
            parse_pence(text)
    else:
        assert parse_pence(text) == pence


@pytest.mark.parametrize("text", ["", "abc", "12.345", "1,23.00", "--5", "£", "12..0", "1e5", "(12.00", "12 00"])
def test_what_is_not_money_is_refused_with_a_sentence_naming_it(text):
    with pytest.raises(ValidationError) as caught:
        parse_pence(text, field="Amount", label="The amount")
    assert caught.value.field == "Amount"
    assert caught.value.message.startswith("The amount")
    assert caught.value.message.endswith(".")


@settings(max_examples=100, deadline=None)
@given(PENCE, st.booleans(), st.booleans())
def test_every_formatted_amount_reads_back_to_the_same_pence(pence, symbol, brackets):
    assert parse_pence(format_pence(pence, symbol=symbol, brackets=brackets)) == pence
    assert parse_pence(format_plain(pence)) == pence


def test_formatting_reads_like_a_uk_ledger():
    assert format_pence(123456) == "£1,234.56"
    assert format_pence(-1200, brackets=True) == "(£12.00)"
    assert format_pence(-5) == "-£0.05"
    assert format_pence(0, blank_zero=True) == "–"
    assert format_plain(-123456) == "-1234.56"


def test_an_amount_thousands_of_digits_long_is_refused_in_one_short_sentence():
    with pytest.raises(ValidationError) as caught:
        parse_pence("9" * 5000)
    assert str(caught.value).endswith("is far too large to be right.")
    assert len(str(caught.value)) < 100
