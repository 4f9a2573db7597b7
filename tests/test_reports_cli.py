"""``coordinator-app report ...`` and ``print ...`` make the PDFs, and explain a bad request in one sentence."""

from __future__ import annotations

from reports_helpers import flat, pdf_text, populate

from coordinator_app.cli import main


def test_every_report_and_printable_can_be_made_from_the_command_line(group, group_path, tmp_path, capsys):
    built = populate(group)
    group.close()  # the commands open the file themselves
    commands = {
        "celebration": ["report", "celebration", "--year", "2025"],
        "financial": ["report", "celebration", "--year", "2025", "--financial"],
        "funding": ["report", "funding", "--grant", built.grant_reference],
        "sign-in": ["print", "sign-in", "--meeting", built.next_meeting_on.isoformat()],
        "next-sign-in": ["print", "sign-in"],
        "agreement": ["print", "agreement"],
        "contacts": ["print", "contacts"],
        "rota": ["print", "rota"],
        "minutes": ["print", "minutes", "--meeting", built.shared_minutes_on.isoformat()],
    }
    for name, command in commands.items():
        out = tmp_path / f"{name}.pdf"
        assert main([*command, "-o", str(out), "--group", str(group_path)]) == 0, name
        assert f"Saved {out}." in capsys.readouterr().out
    assert "Our year: 2025" in pdf_text(tmp_path / "celebration.pdf")
    assert "April 2025 to March 2026" in flat(pdf_text(tmp_path / "financial.pdf"))
    assert "Tuesday 10 February 2026" in pdf_text(tmp_path / "sign-in.pdf")


def test_a_bad_request_is_one_sentence_and_makes_no_file(group, group_path, tmp_path, capsys):
    populate(group)
    group.close()
    out = tmp_path / "x.pdf"
    assert main(["report", "funding", "--grant", "NOPE", "-o", str(out), "--group", str(group_path)]) == 1
    assert capsys.readouterr().err.strip() == "There is no grant with the reference “NOPE”."
    assert main(["print", "minutes", "--meeting", "2025-03-11", "-o", str(out), "--group", str(group_path)]) == 1
    assert capsys.readouterr().err.strip() == "There is no meeting on 11 March 2025."
    assert main(["print", "minutes", "--meeting", "11/03/2025", "-o", str(out), "--group", str(group_path)]) == 2
    assert "write it as YYYY-MM-DD" in capsys.readouterr().err
    assert not out.exists()
