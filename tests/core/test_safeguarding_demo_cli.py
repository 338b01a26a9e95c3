"""The demo's safeguarding records, and the `daybook safeguarding` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.core.safeguarding import services
from app.core.safeguarding.chain import verify_chain
from app.core.safeguarding.services import list_records, record_view
from app.storage.database import Store
from tests.conftest import TODAY


def test_demo_adds_two_careful_records_with_addenda(demo_store: Store) -> None:
    with demo_store.reading() as s:
        rows = list_records(s)
        assert len(rows) == 2
        assert all(r.client_id is not None and r.addenda_count >= 1 for r in rows)
        assert {c for r in rows for c in r.categories} == {"physical", "financial"}
        assert verify_chain(s) == []
        views = [record_view(s, r.id) for r in rows]
        assert all("“" in v.seen_heard for v in views)  # the person's own words, in quotes
        council = [n for v in views for n in v.notifications if n.kind.startswith("Council")]
        assert council and all(n.reference for n in council)
        assert any(a.kind == "Correction" for v in views for a in v.addenda)
        # one follow-up still open shows on Today, the other was marked done
        due = services.due(s, TODAY)
        assert len(due) == 1 and due[0].text.startswith("Follow-up for record #")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_and_pdf_commands(
    demo_store: Store, passphrase_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with demo_store.reading() as s:
        secrets = [record_view(s, r.id).seen_heard[:40] for r in list_records(s)]
    data_dir = str(demo_store.data_dir)
    demo_store.close()
    code, out, _ = _run(capsys, "--data-dir", data_dir, "safeguarding", "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 2
    assert set(rows[0]) == {
        "id",
        "happened_at",
        "written_at",
        "client_id",
        "categories",
        "addenda_count",
        "follow_up_due",
    }
    assert all(secret not in out for secret in secrets)
    code, out, _ = _run(capsys, "--data-dir", data_dir, "safeguarding", "list")
    assert code == 0 and "#1" in out and all(secret not in out for secret in secrets)

    target = tmp_path / "record.pdf"
    code, out, _ = _run(
        capsys,
        "--data-dir",
        data_dir,
        "safeguarding",
        "pdf",
        str(rows[0]["id"]),
        "--out",
        str(target),
    )
    assert code == 0
    text = " ".join(p.extract_text() for p in PdfReader(target).pages)
    assert "Safeguarding record" in text


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["pdf", "99", "--out", "{tmp}/x.pdf"], "no safeguarding record number 99"),
        (["pdf", "1", "--out", "{tmp}/no/such/folder/x.pdf"], "does not exist"),
        (["pdf", "1", "--out", "{tmp}"], "is a folder"),
    ],
)
def test_pdf_command_refuses_cleanly(
    demo_store: Store,
    passphrase_env: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    words: str,
) -> None:
    data_dir = str(demo_store.data_dir)
    demo_store.close()
    code, out, err = _run(
        capsys, "--data-dir", data_dir, "safeguarding", *[a.format(tmp=tmp_path) for a in args]
    )
    assert code == 2
    assert words in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_pdf_command_with_a_non_number_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["safeguarding", "pdf", "abc", "--out", "x.pdf"])
    assert exc.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
