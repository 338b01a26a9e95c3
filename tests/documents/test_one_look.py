"""Every PDF Daybook writes has one look: the same typeface (DejaVu Sans, embedded) and colours
only from the palette in app/documents/common.py. Each document is made as the carer would
make it (the headless commands over the demo data), then its fonts are read back with pypdf."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

import app.documents
from app.cli import main
from app.documents.recovery_sheet import RecoverySheet, render_recovery_sheet
from tests.conftest import TEST_KEY, TODAY

FAMILY = "DejaVuSans"  # its faces: DejaVuSans, -Bold, -Oblique, -BoldOblique, Mono, Mono-Bold


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, bytes]]:
    from app.demo import build_demo
    from app.storage.opening import open_store

    data = tmp_path_factory.mktemp("data")
    out = tmp_path_factory.mktemp("out")
    store = open_store(data, TEST_KEY)
    build_demo(store, seed=2026, years=1, today=TODAY)
    store.close()
    patch = pytest.MonkeyPatch()
    patch.setenv("DAYBOOK_PASSPHRASE", TEST_KEY.secret)

    def run(*args: str) -> str:
        import contextlib

        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            code = main(["--data-dir", str(data), *args])
        assert code == 0, args
        return buffer.getvalue()

    def listing(*args: str) -> list[dict[str, object]]:
        return json.loads(run(*args, "--json"))

    invoices = listing("invoice", "list")
    payments = listing("payment", "list")
    contracts = listing("contract", "list")
    records = listing("safeguarding", "list")
    biggest = max(invoices, key=lambda i: int(str(i["total_pence"])))
    client = str(contracts[0]["client_id"])
    pdfs = {
        "invoice": ("invoice", "pdf", str(biggest["number"])),
        "contract": ("contract", "pdf", str(contracts[0]["id"])),
        "commitment": ("contract", "commitment-pdf", client, "--new"),
        "receipt": ("payment", "receipt", str(payments[0]["id"])),
        "timesheet": ("visits", "timesheet", "--client", client, "--from", "01/10/2026",
                      "--to", "31/10/2026"),
        "safeguarding": ("safeguarding", "pdf", str(records[0]["id"])),
        "feedback": ("feedback", "pdf", "--from", "01/01/2025", "--to", "31/12/2026"),
        "portfolio": ("portfolio", "export"),
    }  # fmt: skip
    made = {}
    for name, args in pdfs.items():
        target = out / f"{name}.pdf"
        run(*args, "--out", str(target))
        made[name] = target.read_bytes()
    credit_notes = [i for i in invoices if str(i["number"]).startswith("CN-")]
    if credit_notes:
        run("invoice", "pdf", str(credit_notes[0]["number"]), "--out", str(out / "cn.pdf"))
        made["credit note"] = (out / "cn.pdf").read_bytes()
    run("client", "export", client, "--out", str(out / "sar"))
    made["subject access"] = next((out / "sar").glob("*.pdf")).read_bytes()
    run("export", "csv", "--year", "2026-27", "--out", str(out / "year"))
    made["tax summary"] = next((out / "year").glob("*.pdf")).read_bytes()
    sheet = RecoverySheet("Bryony’s Care", "Siobhán Ní Bhriain", "-".join(["ABCDE"] * 6), TODAY)
    made["recovery sheet"] = render_recovery_sheet(sheet)
    patch.undo()
    yield made


def font_names(pdf: bytes, pages: slice = slice(None)) -> set[str]:
    """The BaseFont of every font the pages use, without the subset tag (ABCDEF+)."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages[pages]:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            base = str(ref.get_object()["/BaseFont"]).lstrip("/")
            names.add(base.split("+", 1)[-1])
    return names


def test_every_document_uses_the_one_embedded_family(documents: dict[str, bytes]) -> None:
    assert {"invoice", "contract", "receipt", "timesheet", "portfolio"} <= set(documents)
    seen = {}
    for name, pdf in documents.items():
        # the portfolio's own pages: cover and contents (after them, the carer's own files)
        pages = slice(0, 2) if name == "portfolio" else slice(None)
        fonts = font_names(pdf, pages)
        assert fonts, name
        seen[name] = fonts
    strays = {name: sorted(f for f in fonts if not f.startswith(FAMILY))
              for name, fonts in seen.items()}  # fmt: skip
    assert all(not s for s in strays.values()), strays
    # ...and every one of them embedded (a printer never substitutes its own Helvetica)
    for name, pdf in documents.items():
        for page in PdfReader(io.BytesIO(pdf)).pages[:1]:
            for ref in page["/Resources"]["/Font"].values():
                font = ref.get_object()
                descendant = font.get("/DescendantFonts")
                descriptor = (descendant[0].get_object() if descendant else font)[
                    "/FontDescriptor"
                ].get_object()
                assert "/FontFile2" in descriptor, (name, font["/BaseFont"])


def test_accented_names_print_in_the_embedded_family(documents: dict[str, bytes]) -> None:
    text = PdfReader(io.BytesIO(documents["recovery sheet"])).pages[0].extract_text()
    assert "Siobhán Ní Bhriain" in text and "Bryony’s Care" in text


def test_colours_come_only_from_the_palette() -> None:
    folder = Path(app.documents.__file__).parent
    # sample_certificates draws stand-ins for other bodies' certificates (DBS, insurers): not ours
    own = [p for p in folder.glob("*.py") if p.name not in ("common.py", "sample_certificates.py")]
    colour = re.compile(r"HexColor\(|colors\.[a-z]|\bColor\(|#[0-9a-fA-F]{6}\b")
    strays = [
        f"{path.name}:{n}"
        for path in own
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if colour.search(line)
    ]
    assert strays == []


def test_the_recovery_code_is_printed_in_the_family_mono_face() -> None:
    sheet = RecoverySheet("Care", "Zoë", "-".join(["K7M3P"] * 6), date(2026, 11, 25))
    assert "DejaVuSansMono-Bold" in font_names(render_recovery_sheet(sheet))
