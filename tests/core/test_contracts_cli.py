"""`daybook contract list` and `daybook contract pdf` against a real data folder."""

from __future__ import annotations

import io
import json
from datetime import date, time
from pathlib import Path

from pypdf import PdfReader

from app.cli import main
from app.core.clients import ClientDraft, ClientStatus, add_client
from app.core.contracts.document import signing_render
from app.core.contracts.drafting import draft_contract, sign_version
from app.core.contracts.form import new_contract_draft
from app.core.contracts.models import ScheduleSlot
from app.core.profile import ProfileDraft, save_profile
from app.documents.contract_pdf import render_contract_pdf
from tests.conftest import TODAY


def _setup(store) -> tuple[int, bytes]:  # noqa: ANN001
    with store.unit_of_work() as s:
        save_profile(s, ProfileDraft(trading_name="Helping Hands", carer_name="Sam Carter"))
        cid = add_client(
            s, ClientDraft(name="Zoë Ångström", status=ClientStatus.ACTIVE), today=TODAY
        ).id
        d = new_contract_draft(s, cid, today=TODAY)
        d.starts_on = date(2026, 12, 1)
        d.services = ["meals"]
        d.schedule = [ScheduleSlot(1, time(9), time(10))]
        d.standard_rate_pence = 1950
        v = draft_contract(s, d, today=TODAY).value
        sign_version(
            s,
            v.id,
            signed_on=TODAY,
            how="On paper",
            today=TODAY,
            render=signing_render(render_contract_pdf),
        )
        result = v.contract_id, bytes(v.signed_pdf)
    store.close()  # the command opens the folder itself
    return result


def test_list_json_and_pdf_of_a_signed_version(
    store, data_dir: Path, passphrase_env, capsys, tmp_path: Path
) -> None:  # noqa: ANN001
    contract_id, signed = _setup(store)
    assert main(["--data-dir", str(data_dir), "contract", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["id"] == contract_id and rows[0]["client_name"] == "Zoë Ångström"
    assert rows[0]["standard_rate_pence"] == 1950 and rows[0]["status"] == "signed"
    out = tmp_path / "c.pdf"
    assert (
        main(["--data-dir", str(data_dir), "contract", "pdf", str(contract_id), "--out", str(out)])
        == 0
    )
    assert out.read_bytes() == signed  # byte for byte as signed
    text = PdfReader(io.BytesIO(signed)).pages[0].extract_text()
    assert "Zoë Ångström" in text


def test_unknown_ids_give_one_line_and_exit_2(
    store, data_dir: Path, passphrase_env, capsys, tmp_path: Path
) -> None:  # noqa: ANN001
    _setup(store)
    assert (
        main(
            [
                "--data-dir",
                str(data_dir),
                "contract",
                "pdf",
                "999",
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "999" in err and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()
    assert main(["--data-dir", str(data_dir), "contract", "list", "--client", "999"]) == 2
    assert (
        main(
            [
                "--data-dir",
                str(data_dir),
                "contract",
                "pdf",
                "1",
                "--version",
                "7",
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
        == 2
    )
