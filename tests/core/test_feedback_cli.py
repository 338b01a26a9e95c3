"""The demo's feedback and agreements, and the commands: feedback list/pdf, status,
contract commitment-pdf (exit codes, JSON keys, PDFs read back)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.core.commitment import signed_agreements
from app.core.feedback.reminders import due as feedback_due
from app.core.feedback.services import list_feedback
from app.core.portfolio.models import DocType, PortfolioDocument
from app.storage.database import Store
from tests.conftest import TODAY


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def test_demo_has_each_kind_and_a_testimonial(demo_store: Store) -> None:
    with demo_store.reading() as s:
        rows = list_feedback(s)
        assert {r.kind for r in rows} == {"complaint", "compliment", "comment"}
        assert {r.status for r in rows if r.kind == "complaint"} == {"open", "resolved"}
        assert any(r.testimonial for r in rows)
        assert s.query(PortfolioDocument).filter_by(doc_type=DocType.TESTIMONIAL).count() >= 1
        assert sum(len(signed_agreements(s, cid)) for cid in {r.client_id for r in rows}) == 2
        [reply] = feedback_due(s, TODAY)  # the open complaint's reply is due in two days
        assert reply.when == date(2026, 11, 27) and "complaint" in reply.text


def test_feedback_list_json_and_pdf(
    demo_store: Store, passphrase_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = str(demo_store.data_dir)
    demo_store.close()
    code, out, _ = _run(capsys, "--data-dir", data_dir, "feedback", "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert set(rows[0]) == {
        "id",
        "client_id",
        "kind",
        "received_on",
        "status",
        "reply_due",
        "resolved_on",
    }
    assert "untidy" not in out and "patience" not in out  # no summaries
    pdf = tmp_path / "fb.pdf"
    code, out, _ = _run(
        capsys, "--data-dir", data_dir, "feedback", "pdf", "--from", "01/01/2020",
        "--to", "31/12/2030", "--out", str(pdf),
    )  # fmt: skip
    assert code == 0 and "5 items" in out
    words = _text(pdf)
    assert "Complaints 2" in words and "Compliments 2" in words
    assert "Mum looks forward to every visit" in words  # consent given
    assert "garden walk" not in words and "1 compliment not shown" in words  # no consent
    code, _, err = _run(
        capsys, "--data-dir", data_dir, "feedback", "pdf", "--from", "2026-12-01",
        "--to", "2026-11-01", "--out", str(pdf),
    )  # fmt: skip
    assert code == 2 and err.count("\n") == 1 and "before" in err
    with pytest.raises(SystemExit) as exit_:
        main(["--data-dir", data_dir, "feedback", "pdf", "--from", "31/31/2026", "--to", "x"])
    assert exit_.value.code == 2


def test_status_and_commitment_pdf(
    demo_store: Store, passphrase_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = str(demo_store.data_dir)
    demo_store.close()
    code, out, _ = _run(capsys, "--data-dir", data_dir, "status", "--json")
    assert code == 0
    status = json.loads(out)
    assert set(status) == {
        "active_clients_12m",
        "largest_client_share_income",
        "largest_client_share_hours",
        "single_client_months",
        "warnings",
    }
    assert 0 <= status["largest_client_share_income"] <= 1 and status["warnings"] == []
    pdf = tmp_path / "cm.pdf"
    code, out, _ = _run(
        capsys, "--data-dir", data_dir, "contract", "commitment-pdf", "1", "--out", str(pdf)
    )
    assert code == 0 and "signed on" in out
    assert "Recorded as signed on" in _text(pdf)
    code, out, _ = _run(
        capsys,
        "--data-dir",
        data_dir,
        "contract",
        "commitment-pdf",
        "1",
        "--new",
        "--out",
        str(pdf),
    )
    assert code == 0 and "to print and sign" in out
    assert "Recorded as signed" not in _text(pdf) and "DBS" in _text(pdf)
    code, _, err = _run(
        capsys, "--data-dir", data_dir, "contract", "commitment-pdf", "999", "--out", str(pdf)
    )
    assert code == 2 and "no client number 999" in err
