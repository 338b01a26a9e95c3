"""`daybook portfolio list | export | attach` and the demo portfolio, on a real encrypted store."""

from __future__ import annotations

import json
import random
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.core.portfolio.expiry import ExpiryStatus
from app.core.portfolio.services import (
    attach_file,
    default_document_ids,
    list_documents,
    list_files,
    share_log,
)
from app.demo import DemoContext
from app.storage.database import Store
from app.storage.opening import open_store
from tests.conftest import TEST_KEY, TODAY


def build(data_dir: Path) -> tuple[Store, DemoContext]:
    import app.demo.clients as demo_clients
    import app.demo.portfolio as demo_portfolio

    store = open_store(data_dir, TEST_KEY)
    ctx = DemoContext(rng=random.Random(2026), today=TODAY, years=1)
    with store.unit_of_work() as s:
        demo_clients.extend(s, ctx)
    with store.unit_of_work() as s:
        demo_portfolio.extend(s, ctx)
    return store, ctx


@pytest.fixture
def filled(data_dir: Path, passphrase_env: str) -> Path:
    store, _ = build(data_dir)
    store.close()
    return data_dir


def test_demo_portfolio_is_realistic(data_dir: Path) -> None:
    store, ctx = build(data_dir)
    try:
        with store.reading() as s:
            rows = list_documents(s, today=TODAY)
            assert len(rows) >= 8
            assert {r.doc_type.value for r in rows} >= {
                "dbs",
                "insurance",
                "quality_standard",
                "training",
                "reference",
                "testimonial",
            }
            assert sum(r.status == ExpiryStatus.EXPIRING_SOON for r in rows) == 1
            assert sum(r.status == ExpiryStatus.EXPIRED for r in rows) == 1
            assert all(r.files_count >= 1 for r in rows)
            mimes = {f.mime for r in rows for f in list_files(s, r.id)}
            assert mimes == {"application/pdf", "image/png", "image/jpeg"}
            assert len(share_log(s, ctx.client_ids[0])) == 1
    finally:
        store.close()


def test_list_json(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(filled), "portfolio", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) >= 8
    assert {
        "id",
        "type",
        "title",
        "issuer",
        "number",
        "issue_date",
        "expiry_date",
        "status",
        "files",
    } <= set(rows[0])
    assert "notes" not in rows[0]
    assert rows[0]["type"] == "dbs"


def test_export_default_set(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "portfolio.pdf"
    assert main(["--data-dir", str(filled), "portfolio", "export", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"portfolio written to {out}" in printed and "not included" not in printed
    reader = PdfReader(BytesIO(out.read_bytes()))
    store = open_store(filled, TEST_KEY)
    with store.reading() as s:
        chosen = len(default_document_ids(s))
    store.close()
    assert len(reader.pages) >= chosen + 3
    first = " ".join((p.extract_text() or "") for p in reader.pages[:3]).lower()
    for must in ("contents", "dbs", "insurance"):
        assert must in first
    assert not list(tmp_path.glob("*.part"))


def test_export_for_a_client_is_watermarked_and_logged(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "for client.pdf"
    assert (
        main(
            [
                "--data-dir",
                str(filled),
                "portfolio",
                "export",
                "--out",
                str(out),
                "--for-client",
                "3",
            ]
        )
        == 0
    )
    assert "noted in the share log" in capsys.readouterr().out
    reader = PdfReader(BytesIO(out.read_bytes()))
    assert all("Shared with Dorothy Hughes on" in (p.extract_text() or "") for p in reader.pages)
    store = open_store(filled, TEST_KEY)
    with store.reading() as s:
        [entry] = share_log(s, 3)
    store.close()
    assert entry.recipient == "Dorothy Hughes" and entry.watermark.startswith("Shared with")


def test_export_says_what_was_left_out(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(filled, TEST_KEY)
    with store.unit_of_work() as s:
        attach_file(s, 1, "old scan.pdf", b"%PDF-1.4\n" + b"\x00garbage" * 50)
    store.close()
    out = tmp_path / "p.pdf"
    assert main(["--data-dir", str(filled), "portfolio", "export", "--out", str(out), "--all"]) == 0
    printed = capsys.readouterr().out
    assert "not included: Enhanced DBS certificate (adults): old scan.pdf: it is damaged" in printed
    assert out.exists()


@pytest.mark.parametrize(
    "args, words",
    [
        (["export", "--out", "/no/such/folder/p.pdf"], "does not exist"),
        (["export", "--out", "OUT", "--for-client", "999"], "no client with number 999"),
    ],
)
def test_export_bad_input_is_one_line(
    filled: Path, tmp_path: Path, args, words, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [str(tmp_path / "x.pdf") if a == "OUT" else a for a in args]
    assert main(["--data-dir", str(filled), "portfolio", *args]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_attach_checks_the_file(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from PIL import Image

    txt = tmp_path / "notes.txt"
    txt.write_text("not a certificate")
    assert main(["--data-dir", str(filled), "portfolio", "attach", "1", str(txt)]) == 2
    assert "“notes.txt” is not a PDF, JPEG or PNG" in capsys.readouterr().err
    locked = tmp_path / "locked.pdf"
    from tests.documents.test_portfolio_pdf import encrypted_pdf

    locked.write_bytes(encrypted_pdf())
    assert main(["--data-dir", str(filled), "portfolio", "attach", "1", str(locked)]) == 2
    assert "password" in capsys.readouterr().err
    good = tmp_path / "scan.png"
    Image.new("RGB", (60, 40), "white").save(good)
    assert main(["--data-dir", str(filled), "portfolio", "attach", "1", str(good)]) == 0
    assert "attached scan.png" in capsys.readouterr().out
