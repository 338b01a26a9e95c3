"""`write_pdf`, the one way a headless command writes its PDF to --out: whole or not at all,
one line said, a clear --out message (exit 2 through the command) when it cannot."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

from app.commands.common import CommandError, pdf_out, write_pdf

PDF = b"%PDF-1.4\n" + b"x" * 5000 + b"\n%%EOF\n"


def args_for(out: Path) -> argparse.Namespace:
    return argparse.Namespace(out=out)


def test_the_pdf_is_written_whole_and_said_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "receipt.pdf"
    out.write_bytes(b"an older copy")
    assert write_pdf(args_for(out), PDF, "receipt R-0001", "1 page") == 0
    assert out.read_bytes() == PDF
    assert capsys.readouterr().out == f"receipt R-0001 written to {out} (1 page)\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["receipt.pdf"]  # no .partial left


def test_a_failed_write_keeps_the_old_file_and_leaves_no_partial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "invoice.pdf"
    out.write_bytes(b"the copy from yesterday")

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(CommandError) as error:
        write_pdf(args_for(out), PDF, "invoice INV-0001")
    assert str(error.value) == f"--out: could not write {out} (No space left on device)"
    assert out.read_bytes() == b"the copy from yesterday"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["invoice.pdf"]
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("name", "said"), [("", "is a folder"), ("no/such/folder/x.pdf", "does not exist")]
)
def test_out_is_checked_before_any_work(tmp_path: Path, name: str, said: str) -> None:
    with pytest.raises(CommandError) as error:
        pdf_out(args_for(tmp_path / name))
    assert str(error.value).startswith("--out: ") and said in str(error.value)
