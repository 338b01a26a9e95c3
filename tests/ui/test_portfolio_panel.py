"""The Portfolio panel driven as a carer would: add a document, attach files (dialog and drag and
drop), see wrong files refused, preview, export a portfolio off the GUI thread and find it in
the share log; and the background worker on its own."""

from __future__ import annotations

import sys
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.core.clients import ClientDraft, add_client
from app.core.errors import DaybookError
from app.core.portfolio.models import DocType
from app.core.portfolio.services import (
    DocumentDraft,
    add_document,
    attach_file,
    list_documents,
    list_files,
    share_log,
)
from app.ui.portfolio.panel import EXPIRED_COLOUR, PortfolioPanel
from tests.conftest import TODAY
from tests.documents.test_portfolio_pdf import CORRUPT_PDF, encrypted_pdf, image_bytes, pdf_bytes


@pytest.fixture
def filled(ui_ctx):  # type: ignore[no-untyped-def]
    with ui_ctx.store.unit_of_work() as s:
        dbs = add_document(
            s,
            DocumentDraft(
                DocType.DBS,
                "Enhanced DBS certificate",
                "DBS",
                "001234",
                issue_date=TODAY - timedelta(days=300),
                renewal_date=TODAY + timedelta(days=60),
            ),
            today=TODAY,
        )
        attach_file(s, dbs.id, "dbs.pdf", pdf_bytes(1, "DBS"))
        fa = add_document(
            s,
            DocumentDraft(DocType.TRAINING, "First aid", expiry_date=TODAY + timedelta(days=10)),
            today=TODAY,
        )
        attach_file(s, fa.id, "first aid.png", image_bytes((600, 420)))
        add_document(
            s,
            DocumentDraft(DocType.TRAINING, "Food hygiene", expiry_date=TODAY - timedelta(days=5)),
            today=TODAY,
        )
        add_client(s, ClientDraft(name="Margaret Ellis"), today=TODAY)
    return ui_ctx


def make_panel(qtbot, ctx) -> PortfolioPanel:  # type: ignore[no-untyped-def]
    panel = PortfolioPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    panel.show()
    return panel


def doc_id(ctx, title: str) -> int:  # type: ignore[no-untyped-def]
    return next(
        r.id for r in ctx.runner.read(lambda s: list_documents(s, today=TODAY)) if r.title == title
    )


def test_documents_are_grouped_by_kind_and_expired_says_so_in_words(qtbot, filled) -> None:
    panel = make_panel(qtbot, filled)
    groups = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert groups == ["DBS checks (1)", "Training certificates (2)"]
    expired = panel.item_for(doc_id(filled, "Food hygiene"))
    assert expired.text(2) == "Expired"  # the word, not colour alone
    assert expired.foreground(2).color() == EXPIRED_COLOUR
    assert panel.item_for(doc_id(filled, "First aid")).text(2) == "Expiring soon"
    assert "1 expired, 1 expiring within 30 days" in panel.summary.text()
    panel.tree.setCurrentItem(expired)
    assert "Expired on 20/11/2026" in panel.status_label.text()


def test_add_a_document_through_the_form(qtbot, ui_ctx) -> None:
    panel = make_panel(qtbot, ui_ctx)
    panel.form.doc_type.setCurrentIndex(panel.form.doc_type.findData("insurance"))
    assert panel.form.cover.isVisible() and not panel.form.renewal_date.isVisible()
    qtbot.keyClicks(panel.form.title, "Public liability")
    panel.form.title.insert(" — Łódź branch")  # QTest types Latin-1 only
    qtbot.keyClicks(panel.form.issuer, "Hearthside Mutual")
    qtbot.keyClicks(panel.form.issue_date, "01/06/2026")
    qtbot.keyClicks(panel.form.expiry_date, "31/05/2027")
    qtbot.keyClicks(panel.form.cover, "5,000,000")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    [row] = ui_ctx.runner.read(lambda s: list_documents(s, today=TODAY))
    assert (row.title, row.doc_type, row.expiry_date.isoformat()) == (
        "Public liability — Łódź branch",
        DocType.INSURANCE,
        "2027-05-31",
    )
    assert panel.saved_label.text() == "Saved."
    assert panel.attach_button.isEnabled()


@pytest.mark.parametrize(
    "field, issue, expiry, words",
    [
        ("expiry_date", "01/03/2026", "28/02/2026", "before the issue date"),
        ("issue_date", "01/01/2030", "", "cannot be in the future"),
        ("expiry_date", "", "31/31/2026", "is not a date"),
    ],
)
def test_bad_dates_are_shown_beside_the_field(qtbot, ui_ctx, field, issue, expiry, words) -> None:
    panel = make_panel(qtbot, ui_ctx)
    qtbot.keyClicks(panel.form.title, "First aid")
    qtbot.keyClicks(panel.form.issue_date, issue)
    qtbot.keyClicks(panel.form.expiry_date, expiry)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert words in panel.form.errors.message(field)
    assert ui_ctx.runner.read(lambda s: list_documents(s, today=TODAY)) == []
    assert not panel.attach_button.isEnabled()  # nothing saved, nothing to attach to


def test_attach_a_file_with_the_file_dialog(qtbot, filled, tmp_path, monkeypatch) -> None:
    panel = make_panel(qtbot, filled)
    panel.tree.setCurrentItem(panel.item_for(doc_id(filled, "Food hygiene")))
    photo = tmp_path / "food hygiene.jpg"
    photo.write_bytes(image_bytes((1600, 1200), "JPEG"))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(photo)], "Documents")
    )
    assert panel.files.count() == 0
    qtbot.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)
    assert panel.files.count() == 1
    assert "food hygiene.jpg" in panel.files.item(0).text()
    assert not panel.files.item(0).icon().isNull()  # a thumbnail
    files = filled.runner.read(lambda s: list_files(s, doc_id(filled, "Food hygiene")))
    assert [(f.filename, f.mime) for f in files] == [("food hygiene.jpg", "image/jpeg")]


def test_attach_by_drag_and_drop(qtbot, filled, tmp_path) -> None:
    panel = make_panel(qtbot, filled)
    panel.tree.setCurrentItem(panel.item_for(doc_id(filled, "First aid")))
    extra = tmp_path / "first aid page 2.pdf"
    extra.write_bytes(pdf_bytes(1, "Back"))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(extra))])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    panel.files.dropEvent(event)
    assert event.isAccepted()
    assert [panel.files.item(i).text().split("\n")[0] for i in range(panel.files.count())] == [
        "first aid.png",
        "first aid page 2.pdf",
    ]


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("notes.txt", b"just some words", "is not a PDF, JPEG or PNG"),
        ("scan.pdf", CORRUPT_PDF, "damaged"),
        ("locked.pdf", encrypted_pdf(), "password"),
    ],
)
def test_unusable_files_are_refused_with_the_reason(
    qtbot, filled, tmp_path, name, data, words
) -> None:
    panel = make_panel(qtbot, filled)
    target = doc_id(filled, "Food hygiene")
    panel.tree.setCurrentItem(panel.item_for(target))
    path = tmp_path / name
    path.write_bytes(data)
    assert panel.attach_paths([str(path)]) == 0
    assert panel.file_error.isVisibleTo(panel)
    assert f"“{name}”" in panel.file_error.text() and words in panel.file_error.text()
    assert filled.runner.read(lambda s: list_files(s, target)) == []


def test_preview_a_picture_and_a_pdf(qtbot, filled) -> None:
    from app.ui.pdf_preview import PdfPreviewDialog
    from app.ui.portfolio.files import ImagePreview

    panel = make_panel(qtbot, filled)
    panel.tree.setCurrentItem(panel.item_for(doc_id(filled, "First aid")))
    panel.files.setCurrentRow(0)
    qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
    picture = panel.dialogs[-1]
    assert isinstance(picture, ImagePreview) and not picture.label.pixmap().isNull()
    picture.close()
    panel.tree.setCurrentItem(panel.item_for(doc_id(filled, "Enhanced DBS certificate")))
    panel.files.setCurrentRow(0)
    panel.preview()
    pdf = panel.dialogs[-1]
    assert isinstance(pdf, PdfPreviewDialog) and pdf.page_count == 1
    pdf.close()


def test_export_for_a_client_saves_and_logs_the_share(qtbot, filled, tmp_path, monkeypatch) -> None:
    panel = make_panel(qtbot, filled)
    out = tmp_path / "portfolio for Margaret.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF"))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    assert filled.runner.read(lambda s: share_log(s)) == []
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialogs[-1]
    dialog.client.setCurrentIndex(dialog.client.findText("Margaret Ellis"))
    assert dialog.watermark.isChecked()
    assert "Shared with Margaret Ellis on 25/11/2026" in dialog.watermark.text()
    assert len(dialog.chosen_ids()) == 3  # the usual set: all three documents
    with qtbot.waitSignal(dialog.make_pdf().finished, timeout=30000):
        pass
    assert dialog.task.outcome == "done"
    reader = PdfReader(BytesIO(out.read_bytes()))
    assert len(reader.pages) == 3 + 3  # cover, contents, summary; DBS, first aid, details page
    assert "Shared with Margaret Ellis" in (reader.pages[4].extract_text() or "")
    [entry] = filled.runner.read(lambda s: share_log(s))
    assert entry.client_name == "Margaret Ellis"
    assert entry.document_titles == ["Enhanced DBS certificate", "First aid", "Food hygiene"]
    assert any("Noted in the share log" in t for t in told)
    # the share log tab and the client's tab show it
    assert panel.share_view.table.rowCount() == 1
    from app.ui.portfolio.share_log import portfolio_tab

    tab = portfolio_tab(filled, entry.client_id)
    qtbot.addWidget(tab)
    assert tab.table.rowCount() == 1 and "First aid" in tab.table.item(0, 3).text()


def test_export_says_what_it_left_out(qtbot, filled, tmp_path, monkeypatch) -> None:
    with filled.store.unit_of_work() as s:
        attach_file(s, doc_id(filled, "Food hygiene"), "old scan.pdf", CORRUPT_PDF)
    panel = make_panel(qtbot, filled)
    out = tmp_path / "p.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF"))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    dialog = panel.open_export()
    dialog._check(lambda _i: True)
    with qtbot.waitSignal(dialog.make_pdf().finished, timeout=30000):
        pass
    assert out.exists()
    assert any("Food hygiene: old scan.pdf: it is damaged" in t for t in told)
    assert filled.runner.read(lambda s: share_log(s)) == []  # for nobody: not logged


def test_cancelled_export_saves_nothing(qtbot, filled, monkeypatch) -> None:
    panel = make_panel(qtbot, filled)
    asked: list[object] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a) or ("", ""))
    dialog = panel.open_export()
    task = dialog.make_pdf()
    with qtbot.waitSignal(task.finished, timeout=30000):
        task.cancel()
    assert task.outcome == "cancelled" and asked == []
    assert dialog.make_button.isEnabled()


def test_record_that_the_portfolio_was_shown(qtbot, filled) -> None:
    panel = make_panel(qtbot, filled)
    panel.share_view.record_shown()
    dialog = panel.share_view.record_dialog
    dialog.client.setCurrentIndex(dialog.client.findText("Margaret Ellis"))
    dialog.save()
    [entry] = filled.runner.read(lambda s: share_log(s))
    assert (entry.recipient, entry.how.value) == ("Margaret Ellis", "shown")
    assert panel.share_view.table.item(0, 2).text() == "Shown"


def test_record_needs_a_name_when_not_a_client(qtbot, filled) -> None:
    panel = make_panel(qtbot, filled)
    panel.share_view.record_shown()
    dialog = panel.share_view.record_dialog
    dialog.save()
    assert "Enter the name" in dialog.form.errors.message("recipient")


# ---------------------------------------------------------------- the worker on its own


def test_worker_reports_progress_and_result(qtbot) -> None:
    from app.ui.worker import run_in_background

    got: list[object] = []

    def work(progress, is_cancelled):  # type: ignore[no-untyped-def]
        for i in range(5):
            progress(i + 1, 5)
        return "made"

    task = run_in_background(None, "Test", "Working…", work, on_done=got.append)
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass
    assert got == ["made"] and task.outcome == "done"


def test_worker_shows_an_expected_problem_calmly(qtbot, monkeypatch) -> None:
    from app.ui.worker import run_in_background

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))

    def work(progress, is_cancelled):  # type: ignore[no-untyped-def]
        raise DaybookError("None of the chosen portfolio documents exist any more.")

    task = run_in_background(None, "Test", "Working…", work)
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass
    assert task.outcome == "failed" and told == [
        "None of the chosen portfolio documents exist any more."
    ]


def test_worker_sends_a_bug_to_the_error_dialog(qtbot, monkeypatch) -> None:
    import app.ui.error_dialog as error_dialog
    from app.ui.worker import run_in_background

    seen: list[BaseException] = []
    monkeypatch.setattr(error_dialog, "show_unexpected_error", lambda _p, exc: seen.append(exc))

    def work(progress, is_cancelled):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("oops")

    task = run_in_background(None, "Test", "Working…", work)
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass
    assert task.outcome == "failed" and isinstance(seen[0], ZeroDivisionError)


def test_export_file_name_is_safe(tmp_path: Path) -> None:
    from datetime import date

    from app.ui.portfolio.export_dialog import suggested_name

    assert suggested_name("Sam Carter", 'A/B: "C"', date(2026, 11, 25)) == (
        "Portfolio - Sam Carter - AB C - 2026-11-25.pdf"
    )


def test_a_clients_choice_is_remembered(qtbot, filled, tmp_path, monkeypatch) -> None:
    from app.core.portfolio.services import client_choice

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    panel = make_panel(qtbot, filled)
    dialog = panel.open_export()
    dialog.client.setCurrentIndex(dialog.client.findText("Margaret Ellis"))
    cid = dialog.client_id()
    assert not dialog.remember.isChecked()
    dbs = doc_id(filled, "Enhanced DBS certificate")
    dialog._check(lambda i: i == dbs)
    dialog.remember.setChecked(True)
    with qtbot.waitSignal(dialog.make_pdf().finished, timeout=30000):
        pass
    assert filled.runner.read(lambda s: client_choice(s, cid)) == [dbs]
    again = panel.open_export(cid)
    assert again.remember.isChecked() and again.chosen_ids() == [dbs]
    again.remember.setChecked(False)
    with qtbot.waitSignal(again.make_pdf().finished, timeout=30000):
        pass
    assert filled.runner.read(lambda s: client_choice(s, cid)) is None
    assert filled.runner.read(lambda s: share_log(s)) == []  # not saved, so not logged


def test_heic_photos_show_as_pictures(qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.ui.images import read_image
    from tests.documents.test_portfolio_pdf import heic_bytes

    image = read_image(heic_bytes(), 400)
    assert not image.isNull()
    assert (image.width(), image.height()) == (400, 300)
    assert image.pixelColor(100, 80).getRgb()[:3] == pytest.approx((240, 200, 40), abs=8)
    assert read_image(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 40, 400).isNull()  # damaged: null


def test_without_the_heic_decoder_a_stored_heic_photo_is_a_null_picture(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A database made where HEIC could be read, opened where it cannot: no crash, no picture
    (the panels then say the file is kept safely)."""
    from app.ui.images import read_image
    from tests.documents.test_portfolio_pdf import heic_bytes

    monkeypatch.setitem(sys.modules, "pi_heif", None)
    assert read_image(heic_bytes(), 400).isNull()
