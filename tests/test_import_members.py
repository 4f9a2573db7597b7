"""Importing a member list: Excel's encodings, headers found by name, UK dates, and all or nothing."""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from coordinator_app.cli import main
from coordinator_app.db.groupfile import open_group
from coordinator_app.db.lock import lock_path
from coordinator_app.db.models import MemberKind
from coordinator_app.imports.csv_text import ImportProblem, normalise_header, read_table
from coordinator_app.imports.dates import parse_date
from coordinator_app.imports.members_csv import import_members_csv, read_members
from coordinator_app.services.members import get_member, list_members

DATA = Path(__file__).parent / "data"
TODAY = date(2024, 11, 26)


def everyone(group):
    return {m.name: m for m in list_members(group, include_former=True, today=TODAY)}


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_excel_windows_1252_file_imports_exactly(group):
    result = import_members_csv(group, DATA / "members_excel_1252.csv", today=TODAY)

    assert result.imported == 6
    members = everyone(group)
    assert sorted(members) == sorted([
        "Zoë Adams", "Siobhán Ó Briain", "François Lefèvre", "Máire O’Neill", "Tom & Jerry Clarke", "Renée Müller",
    ])
    zoe = members["Zoë Adams"]
    assert (zoe.email, zoe.phone, zoe.joined_on, zoe.kind) == (
        "zoe@example.org", "07700 900001", date(2024, 3, 5), MemberKind.MEMBER)
    assert members["Siobhán Ó Briain"].preferred_name == "Shiv"
    assert members["Siobhán Ó Briain"].joined_on == date(2024, 3, 12)
    assert members["François Lefèvre"].kind is MemberKind.RELATIVE_OR_CARER
    assert members["Renée Müller"].joined_on == date(2024, 6, 11)
    notes = {name: get_member(group, m.id, today=TODAY).private_notes for name, m in members.items()}
    assert notes["Siobhán Ó Briain"] == "Prefers a call, not email"
    assert notes["Máire O’Neill"] == "Café Crème on Thursdays – ring first"
    assert notes["Tom & Jerry Clarke"] == "Donated €20"
    assert notes["François Lefèvre"] == "Paid £2 subs"


def test_utf8_file_with_byte_order_mark_imports_exactly(group):
    result = import_members_csv(group, DATA / "members_utf8_bom.csv", today=TODAY)

    assert result.imported == 5
    members = everyone(group)
    assert sorted(members) == sorted(["Łukasz Wójcik", "Nguyễn Thị Hoa", "أحمد حسن", "Γιώργος Παπαδόπουλος",
                                      "Ольга Иванова"])
    assert members["Łukasz Wójcik"].joined_on == date(2024, 3, 5)
    assert members["Łukasz Wójcik"].phone == "07700 900010"
    assert members["أحمد حسن"].joined_on == date(2024, 3, 12)
    assert members["Γιώργος Παπαδόπουλος"].kind is MemberKind.RELATIVE_OR_CARER
    assert members["Ольга Иванова"].kind is MemberKind.PRACTITIONER_GUEST
    assert members["Ольга Иванова"].joined_on == date(2024, 4, 9)


def test_bad_date_in_row_7_imports_nothing_and_names_row_and_column(group):
    with pytest.raises(ImportProblem) as problem:
        import_members_csv(group, DATA / "members_bad_date_row7.csv", today=TODAY)

    assert str(problem.value) == 'row 7, column "joined": "31/02/2024" is not a date (use DD/MM/YYYY).'
    assert everyone(group) == {}


def test_bad_date_from_the_command_line(group_path, capsys):
    code = main(["import", "members", str(DATA / "members_bad_date_row7.csv"), "--group", str(group_path)])

    out, err = capsys.readouterr()
    assert code == 1
    assert err == 'row 7, column "joined": "31/02/2024" is not a date (use DD/MM/YYYY).\n'
    assert out == ""


def test_command_line_import_says_how_many(group_path, capsys):
    code = main(["--group", str(group_path), "import", "members", str(DATA / "members_utf8_bom.csv")])

    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Imported 5 members into Riverside Carers' Circle." in out


def test_missing_name_column_names_the_headers_found(group, tmp_path):
    path = write(tmp_path, "Email,Phone,Joined\nzoe@example.org,07700 900001,05/03/2024\n")

    with pytest.raises(ImportProblem) as problem:
        import_members_csv(group, path, today=TODAY)

    assert str(problem.value) == ('Could not find a column of names; the headers found were: '
                                  '"Email", "Phone", "Joined".')


@pytest.mark.parametrize(("cells", "column", "message"), [
    ("Ann,ann@example,01/02/2024,,member", "E-mail", "“ann@example” does not look like an email address"),
    ("Ann,,01/02/2024,01/01/2024,member", "Date joined", "cannot be after the date they left"),
    ("Ann,,01/02/2024,,volunteer", "Member type", '"volunteer" is not a kind of member'),
    ("Ann,,05/03/2030,,member", "Date joined", "5 March 2030 is after today"),
    (",ann@example.org,01/02/2024,,member", "Full Name", "Please enter the member's name."),
    ("Ann,,1st Smarch 2024,,member", "Date joined", '"1st Smarch 2024" is not a date (use DD/MM/YYYY).'),
])
def test_any_wrong_cell_names_its_row_and_column_and_nothing_is_imported(group, tmp_path, cells, column, message):
    text = "Full Name,E-mail,Date joined,Date left,Member type\nBea,,01/01/2024,,member\n" + cells + "\n"

    with pytest.raises(ImportProblem) as problem:
        import_members_csv(group, write(tmp_path, text), today=TODAY)

    assert str(problem.value).startswith(f'row 3, column "{column}": ')
    assert message in str(problem.value)
    assert everyone(group) == {}


def test_importing_the_same_list_again_adds_only_new_people(group, tmp_path):
    first = write(tmp_path, "Name,Joined\nZoë Adams,05/03/2024\nBen Carter,06/03/2024\n", name="a.csv")
    again = write(tmp_path, "Name,Joined\nZoë Adams,05/03/2024\nBen Carter,06/03/2024\nCath Dunn,07/03/2024\n",
                  name="b.csv")
    import_members_csv(group, first, today=TODAY)

    result = import_members_csv(group, again, today=TODAY)

    assert result.imported == 1
    assert result.already_there == ("Zoë Adams", "Ben Carter")
    assert sorted(everyone(group)) == ["Ben Carter", "Cath Dunn", "Zoë Adams"]


def test_first_name_and_surname_columns_banner_lines_and_semicolons(group, tmp_path):
    text = ("Harbour Lights member list;;\r\nPrinted 1 May 2024;;\r\n\r\n"
            "First name;Surname;Member since\r\nSiobhán;Ó Briain;2024-03-05\r\n\r\nTom & Jerry;Clarke;\r\n")
    result = import_members_csv(group, write(tmp_path, text, "cp1252"), today=TODAY)

    members = everyone(group)
    assert sorted(members) == ["Siobhán Ó Briain", "Tom & Jerry Clarke"]
    assert members["Tom & Jerry Clarke"].joined_on == TODAY  # no date given: joined today, and said so
    assert result.joined_today == 1


def test_unicode_text_as_excel_saves_it_utf16_with_tabs(group, tmp_path):
    text = "Name\tJoined\r\nŁukasz Wójcik\t05/03/2024\r\n"
    path = tmp_path / "unicode.txt"
    path.write_bytes(text.encode("utf-16"))

    import_members_csv(group, path, today=TODAY)

    assert list(everyone(group)) == ["Łukasz Wójcik"]


def test_names_typed_on_a_mac_are_stored_composed(group, tmp_path):
    decomposed = "Zoe\u0308 Adams"
    import_members_csv(group, write(tmp_path, f"Name\n{decomposed}\n"), today=TODAY)

    assert list(everyone(group)) == ["Zoë Adams"]


def test_row_numbers_count_banner_and_blank_rows_as_the_spreadsheet_does():
    data = b"Bank statement\r\n\r\nDate,Amount\r\n01/02/2024,1.00\r\n\r\n02/02/2024,2.00\r\n"
    table = read_table(data, is_header=lambda cells: "date" in {normalise_header(c) for c in cells})

    assert table.header == ("Date", "Amount")
    assert table.header_row == 3
    assert [(row.number, row.cells) for row in table.rows] == [(4, ("01/02/2024", "1.00")), (6, ("02/02/2024", "2.00"))]


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-03-05", date(2024, 3, 5)),
    ("2024-03-05 00:00:00", date(2024, 3, 5)),
    ("05/03/2024", date(2024, 3, 5)),
    ("5/3/2024", date(2024, 3, 5)),
    ("05.03.2024", date(2024, 3, 5)),
    ("05/03/24", date(2024, 3, 5)),
    ("05/03/98", date(1998, 3, 5)),
    ("5 Mar 2024", date(2024, 3, 5)),
    ("5 March 2024", date(2024, 3, 5)),
    ("5th March 2024", date(2024, 3, 5)),
    ("05-Mar-24", date(2024, 3, 5)),
    ("5 Sept 2024", date(2024, 9, 5)),
    ("March 5, 2024", date(2024, 3, 5)),
])
def test_dates_as_people_write_them(text, expected):
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize("text", ["31/02/2024", "2024-13-01", "03/05", "next Tuesday", "5 Smarch 2024", "12345"])
def test_things_that_are_not_dates(text):
    with pytest.raises(ValueError):
        parse_date(text, today=TODAY)


def _names(alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.text(alphabet, min_size=1, max_size=30).map(lambda s: " ".join(s.split())).filter(bool)


ANY_NAMES = _names(st.characters(categories=("L", "M", "N", "P", "Zs"), exclude_characters="\u2028\u2029"))
CP1252_NAMES = _names(st.sampled_from(
    [ch for ch in bytes(range(0x20, 0x100)).decode("cp1252", errors="ignore") if ch.isprintable()]
))


def _spells_utf8(line: bytes) -> bool:
    try:
        return not line.decode("utf-8").isascii()
    except UnicodeDecodeError:
        return False


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from(["utf-8-sig", "utf-8", "cp1252"]), st.sampled_from([",", ";", "\t"]))
def test_any_names_come_back_exactly_whatever_the_encoding_and_delimiter(data, encoding, delimiter):
    people = data.draw(st.lists(CP1252_NAMES if encoding == "cp1252" else ANY_NAMES, min_size=1, max_size=5))
    people = [unicodedata.normalize("NFC", person) for person in people]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["Name", "Joined"])
    writer.writerows([person, "05/03/2024"] for person in people)
    raw = buffer.getvalue().encode(encoding)
    if encoding == "cp1252":
        # A Windows-1252 line whose bytes also spell valid UTF-8 ("Â¡" is the UTF-8 for "¡") reads as UTF-8, as
        # every spreadsheet reads it, and beside other lines it is a file in two encodings; no real name is like that.
        assume(not any(_spells_utf8(line) for line in raw.split(b"\n")))

    members = read_members(raw, today=TODAY).members

    assert [m.name for m in members] == people
    assert [m.row for m in members] == list(range(2, len(people) + 2))


def test_a_group_open_in_another_copy_of_the_app_is_not_imported_into(group_path, capsys):
    held = lock_path(group_path)
    held.write_text('{"host": "office-laptop", "pid": 4242, "user": "siobhan", "since": "2024-11-26 10:00"}')

    code = main(["import", "members", str(DATA / "members_utf8_bom.csv"), "--group", str(group_path)])

    err = capsys.readouterr().err
    assert code == 3
    assert err.startswith("test.group is open by siobhan on the computer “office-laptop”")
    assert err.endswith("so nothing was imported; close it there and try again.\n")
    held.unlink()
    with open_group(group_path) as group:
        assert list_members(group, include_former=True, today=TODAY) == []


def test_preview_shows_every_row_with_the_command_lines_message_and_saves_nothing(group, tmp_path):
    from coordinator_app.imports.members_csv import preview_members

    path = write(tmp_path, "Name,Joined\nAnn Baker,01/02/2024\nBen,31/02/2024\n,03/02/2024\nCat,01/12/2024\n")
    preview = preview_members(group, path.read_bytes(), today=TODAY)
    assert [(r.row, r.problem) for r in preview.rows] == [
        (2, ""),
        (3, 'row 3, column "Joined": "31/02/2024" is not a date (use DD/MM/YYYY).'),
        (4, 'row 4, column "Name": Please enter the member\'s name.'),
        (5, 'row 5, column "Joined": 1 December 2024 is after today; nobody can join in the future.'),
    ]
    assert preview.member_list is None and everyone(group) == {}


def test_preview_flags_a_possible_duplicate_and_what_is_already_there(group, tmp_path):
    from coordinator_app.imports.members_csv import import_member_list, preview_members
    from coordinator_app.services.members import add_member

    add_member(group, name="Ann Baker", joined_on=date(2023, 5, 1), today=TODAY)
    add_member(group, name="Ben Carter", joined_on=date(2024, 2, 2), today=TODAY)
    path = write(tmp_path, "Name,Joined\nAnn Baker,01/02/2024\nBen Carter,02/02/2024\nCath,03/02/2024\n")
    preview = preview_members(group, path.read_bytes(), today=TODAY)
    assert [(r.name, r.already, r.possible_duplicate) for r in preview.rows] == [
        ("Ann Baker", False, "Ann Baker (joined 1 May 2023)"), ("Ben Carter", True, ""), ("Cath", False, "")]
    assert preview.to_add == 2 and len(everyone(group)) == 2
    import_member_list(group, preview.member_list, today=TODAY)
    names = sorted(m.name for m in list_members(group, include_former=True, today=TODAY))
    assert names == ["Ann Baker", "Ann Baker", "Ben Carter", "Cath"]


def test_a_csv_whose_cells_are_all_empty_says_it_has_no_data():
    from coordinator_app.imports.csv_text import ImportProblem, read_table

    with pytest.raises(ImportProblem, match="The file has no data in it: every cell is empty."):
        read_table(b",,,\r\n,,,\r\n,,,\r\n", is_header=lambda cells: True)
