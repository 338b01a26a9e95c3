"""The privacy commands on the demo: client export writes one PDF and one JSON naming the
client and says what it left out; retention --json keys; erase refused with exit 2 and the
date, changing nothing; --dry-run of an erasable client lists what would change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.cli import main
from app.core.clients import Client, ClientStatus
from app.core.privacy.models import PrivacyEvent
from app.storage.database import Store
from app.storage.opening import open_store
from tests.conftest import TEST_KEY


def test_export_retention_and_refused_erase(
    demo_store: Store, passphrase_env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with demo_store.reading() as s:
        client = s.scalars(select(Client).where(Client.status == ClientStatus.ACTIVE)).first()
        cid, name = client.id, client.name
    data_dir = str(demo_store.data_dir)
    demo_store.close()
    out = tmp_path / "sar"
    assert main(["--data-dir", data_dir, "client", "export", str(cid), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "left out:" in said
    [pdf], [js] = list(out.glob("*.pdf")), list(out.glob("*.json"))
    assert pdf.name.startswith(f"{cid}-") and js.stem == pdf.stem
    assert json.loads(js.read_text())["client_name"] == name
    text = " ".join(p.extract_text() or "" for p in PdfReader(pdf).pages)
    assert name in text and "data controller" in text
    assert pdf.stat().st_mode & 0o077 == 0  # only the carer can read it

    assert main(["--data-dir", data_dir, "retention", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert set(rows[0]) == {"client_id", "last_activity", "erasable_from", "erasable"}

    code = main(["--data-dir", data_dir, "client", "erase", str(cid)])
    err = capsys.readouterr().err
    assert code == 2 and "refused" in err
    assert any(ch.isdigit() for ch in err.split("until")[1])
    code = main(["--data-dir", data_dir, "client", "erase", str(cid), "--dry-run", "--json"])
    assert code == 2 and "refused" in capsys.readouterr().err
    store = open_store(Path(data_dir), TEST_KEY)
    try:
        with store.reading() as s:
            assert s.get(Client, cid).name == name  # refused: nothing changed
            [event] = s.scalars(select(PrivacyEvent))
            assert (event.kind, event.client_id) == ("export", cid)
            assert name not in event.summary and "visits" in event.summary
    finally:
        store.close()
