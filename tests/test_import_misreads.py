"""Files the importers used to misread silently: now each is read right, or refused in one sentence naming
the row, and nothing is imported."""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import pytest
from dump_helpers import dump_hash

from coordinator_app.cli import main
from coordinator_app.db.groupfile import open_group
from coordinator_app.imports.bank import parse_statement
from coordinator_app.imports.csv_text import ImportProblem
from coordinator_app.imports.members_csv import import_members_csv, read_members
from coordinator_app.imports.ofx import parse_ofx
from coordinator_app.services.money import transactions

BANK = Path(__file__).parent / "data" / "bank"
OFX = (BANK / "statement.ofx").read_bytes()
TODAY = date(2026, 11, 26)


def names(data: bytes) -> list[str]:
    return [member.name for member in read_members(data, today=TODAY).members]


def amounts(data: bytes) -> list[int]:
    return [line.amount_pence for line in parse_statement(data, today=TODAY).lines]


def refusal(read, data: bytes) -> str:
    with pytest.raises(ImportProblem) as caught:
        read(data)
    message = str(caught.value)
    assert "\n" not in message and message.endswith(".") and len(message) < 250
    return message


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# A quote that never closes: Python's reader put every row after it into one member's name.
def test_a_quote_that_never_closes_names_the_row_it_opened_on_and_imports_nothing(group_path, tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_bytes(b'Name,Joined\nAnn Lee,01/02/2020\n"Bob Marsh,02/02/2020\nCat Ode,03/03/2020\n')
    before = dump_hash(group_path)

    code, out, err = run(capsys, "import", "members", path, "--group", group_path)

    assert code == 1 and out == ""
    assert err == 'Row 3 opens a quote (") that is never closed, so the rows below it cannot be told apart; close ' \
                  "the quote and try again.\n"
    assert dump_hash(group_path) == before


def test_a_quote_closed_rows_later_is_refused_where_the_rows_ran_together():
    data = b'Name,Joined\n"Bob Marsh,02/02/2020\nCat Ode,03/03/2020\nDan "Fox",04/04/2020\nEve,"05/05/2020"\n'
    message = refusal(lambda d: read_members(d, today=TODAY), data)
    assert message.startswith('row 2, column "Name": this cell runs over several lines')


def test_a_quote_that_never_closes_in_a_bank_statement_names_its_row():
    data = b'Date,Description,Amount\n01/04/2026,TESCO,-1.50\n02/04/2026,"ALDI,-2.00\n03/04/2026,LIDL,-3.00\n'
    assert refusal(parse_statement, data).startswith('Row 3 opens a quote (") that is never closed')


def test_a_quoted_address_over_two_lines_still_imports():
    data = b'Name,Address\nAnn Lee,"12 High Street\nLeeds"\nBob Marsh,\n'
    assert names(data) == ["Ann Lee", "Bob Marsh"]


# Excel in most of Europe separates with semicolons and writes pence after a comma.
@pytest.mark.parametrize(("cells", "expected"), [
    (["-1,500", "12,00"], [-150, 1200]),  # -1,500 is minus one and a half, never minus fifteen hundred
    (["1.234,50", "-0,99"], [123450, -99]),
    (["-1,500", "7"], [-150, 700]),
    (["1 234,50", "(3,20)"], [123450, -320]),
])
def test_a_semicolon_file_with_decimal_commas_reads_the_pence_right(cells, expected):
    rows = "".join(f"0{day}/04/2026;SHOP {day};{cell}\n" for day, cell in enumerate(cells, start=1))
    assert amounts(f"Date;Description;Amount\n{rows}".encode()) == expected


def test_a_semicolon_file_with_decimal_points_reads_commas_as_thousands():
    data = b"Date;Description;Amount\n01/04/2026;GRANT;1,500.00\n02/04/2026;TEA;-2.50\n03/04/2026;HALL;-1,500\n"
    assert amounts(data) == [150000, -250, -150000]


def test_a_file_with_both_decimal_points_and_decimal_commas_is_refused():
    data = b"Date;Description;Amount\n01/04/2026;GRANT;12.50\n02/04/2026;TEA;-2,50\n"
    assert refusal(parse_statement, data) == ('The file writes amounts both as "12.50" and as "-2,50", so which '
                                              "mark is the pence cannot be told; nothing was imported.")


def test_a_tab_file_whose_amounts_could_be_thousands_or_pence_is_refused():
    data = b"Date\tDescription\tAmount\n01/04/2026\tGRANT\t1,500\n02/04/2026\tTEA\t-2\n"
    assert "do not show whether" in refusal(parse_statement, data)


def test_a_comma_file_still_reads_thousands():
    data = b'Date,Description,Amount\n01/04/2026,GRANT,"1,500"\n'
    assert amounts(data) == [150000]


def test_a_semicolon_statement_with_decimal_commas_imports_from_the_command_line(books_path, tmp_path, capsys):
    path = tmp_path / "kontoauszug.csv"
    path.write_bytes(b"Date;Description;Amount\n01/05/2026;TESCO;-1,500\n02/05/2026;SUBS;12,00\n")
    code, out, _ = run(capsys, "import", "transactions", path, "--account", "Community Account",
                       "--group", books_path)
    assert code == 0 and out.startswith("Imported 2 new lines")
    with open_group(books_path) as group:
        assert sorted(t.amount_pence for t in transactions.search_transactions(group)) == [-150, 1200]


# A UTF-8 file with one row saved in Windows-1252 was read wholly as Windows-1252 ("ZoÃ« Adams").
def test_a_utf8_file_with_one_windows_1252_row_is_refused_naming_that_row(group_path, tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_bytes("Name\nZoë Adams\nŁukasz Nowak\n".encode() + "Renée Marsh\n".encode("cp1252")
                     + "Siobhán Ó Briain\n".encode())
    before = dump_hash(group_path)

    code, _, err = run(capsys, "import", "members", path, "--group", group_path)

    assert code == 1
    assert err == ("Row 4 is written in a different text encoding from the rest of the file (UTF-8); save the whole "
                   'file again as "CSV UTF-8" and try again.\n')
    assert dump_hash(group_path) == before


def test_a_windows_1252_file_is_still_read_as_windows_1252():
    assert names("Name\nRenée Marsh\nZoë Adams\n".encode("cp1252")) == ["Renée Marsh", "Zoë Adams"]


# Characters nobody can see.
def test_a_name_of_only_zero_width_characters_is_no_member():
    assert names("Name\nAnn Lee\n\u200b\u200b\n\ufeff\u2060\n".encode()) == ["Ann Lee"]


def test_a_zero_width_name_with_a_joined_date_is_refused_as_having_no_name(group, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes("Name,Joined\nAnn Lee,01/02/2020\n\u200b,03/04/2021\n".encode())
    with pytest.raises(ImportProblem, match=r'^row 3, column "Name": Please enter'):
        import_members_csv(group, path, today=TODAY)


def test_a_dos_end_of_file_byte_is_not_a_member():
    assert names(b"Name,Joined\r\nAnn Lee,01/02/2020\r\nBob Marsh,02/02/2020\r\n\x1a") == ["Ann Lee", "Bob Marsh"]


def test_control_and_zero_width_characters_inside_a_name_are_removed_but_letters_joined_by_zwnj_kept():
    data = "Name\nAnn\x07Lee\nZo\u200bë\n\u200dMehdi Ra\u200cees\u200d\n".encode()
    assert names(data) == ["Ann Lee", "Zoë", "Mehdi Ra\u200cees"]


def test_a_nul_in_an_ofx_payee_is_not_stored():
    lines = parse_ofx(OFX.replace(b"ST MARYS CHURCH HALL", b"ST MARYS\x00CHURCH\x07HALL\xad"))
    assert lines[0].description == "ST MARYS CHURCH HALL"


# Dates no group's records can have.
def test_a_joined_date_in_the_year_1_is_refused():
    message = refusal(lambda d: read_members(d, today=TODAY), b"Name,Joined\nAnn Lee,01/01/0001\n")
    assert message == ('row 2, column "Joined": "01/01/0001" is in the year 1, which cannot be right (dates run '
                       "from 1900 to 2100).")


@pytest.mark.parametrize("day", ["31/12/9999", "01/01/1899", "2101-01-01"])
def test_a_bank_date_outside_1900_to_2100_is_refused(day):
    message = refusal(parse_statement, f"Date,Description,Amount\n01/04/2026,TEA,1.00\n{day},TEA,1.00\n".encode())
    assert message.startswith(f'row 3, column "Date": "{day}" is in the year')


@pytest.mark.parametrize("day", [b"99991231", b"18991231", b"00010101"])
def test_an_ofx_date_outside_1900_to_2100_is_refused(day):
    message = refusal(parse_ofx, OFX.replace(b"<DTPOSTED>20260428", b"<DTPOSTED>" + day))
    assert message.startswith("The OFX file's transaction 5 has a date that is in the year")


def test_dates_at_the_ends_of_the_range_are_read():
    data = b"Date,Description,Amount\n01/01/1900,TEA,1.00\n31/12/2100,TEA,1.00\n"
    assert [line.on for line in parse_statement(data, today=TODAY).lines] == [date(1900, 1, 1), date(2100, 12, 31)]


# ofxtools' own warnings reached the terminal for any payee over 32 characters.
def test_a_long_ofx_payee_gives_no_warning_and_is_kept_whole():
    payee = b"ST MARYS CHURCH HALL AND COMMUNITY CENTRE, ROOM HIRE FOR APRIL"
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        lines = parse_ofx(OFX.replace(b"ST MARYS CHURCH HALL", payee))
    assert shown == []
    assert lines[0].description == payee.decode()


def test_an_ofx_import_from_the_command_line_prints_only_what_it_did(books_path, tmp_path, capfd):
    path = tmp_path / "statement.ofx"
    path.write_bytes(OFX.replace(b"ST MARYS CHURCH HALL", b"ST MARYS CHURCH HALL AND COMMUNITY CENTRE ROOM HIRE"))
    capfd.readouterr()
    code = main(["import", "transactions", str(path), "--account", "Community Account", "--group", str(books_path)])
    out, err = capfd.readouterr()
    assert code == 0 and err == "" and out.startswith("Imported 5 new lines")


# Messages that printed 50 KB or 260 KB.
def test_a_list_with_20000_people_already_there_names_five_and_counts_the_rest(group_path, tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text("Name,Joined\n" + "".join(f"Person {n},01/02/2020\n" for n in range(20_000)), encoding="utf-8")
    assert run(capsys, "import", "members", path, "--group", group_path)[0] == 0

    code, out, _ = run(capsys, "import", "members", path, "--group", group_path)

    assert code == 0 and len(out) < 400
    assert ("20000 already in the group (same name and joined date) were left as they were: Person 0, Person 1, "
            "Person 2, Person 3, Person 4 and 19,995 more.") in out


@pytest.mark.parametrize("data", [
    b"Name,Joined\nAnn Lee," + b"9" * 50_000 + b"\n",
    b"Name,Kind\nAnn Lee," + b"x" * 50_000 + b"\n",
    b"Date,Description,Amount\n01/04/2026,TEA," + b"1" * 50_000 + b"\n",
    b"Date,Description,Amount\n" + b"9" * 50_000 + b",TEA,1.00\n",
    b",".join(b"Heading %d" % n for n in range(5_000)) + b"\n1,2\n",
])
def test_a_huge_cell_or_thousands_of_headers_make_a_short_sentence(data):
    def read_either(raw: bytes):
        return parse_statement(raw, today=TODAY) if raw.startswith(b"Date") else read_members(raw, today=TODAY)

    with pytest.raises(ImportProblem) as caught:
        read_either(data)
    assert len(str(caught.value)) < 300 and "\n" not in str(caught.value)


def test_a_damaged_ofx_file_is_refused_in_a_short_sentence():
    message = refusal(parse_ofx, OFX.replace(b"<FITID>20260000", b"<FITID>" + b"9" * 50_000))
    assert message.startswith("The OFX file could not be read (") and message.endswith("nothing was imported.")
