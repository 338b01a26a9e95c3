"""Dialogs for the feedback log and the commitment agreement."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.core.feedback.models import (
    ENTRY_LABELS,
    HOW_LABELS,
    KIND_LABELS,
    EntryKind,
    FeedbackKind,
    ReceivedHow,
)
from app.core.feedback.services import FeedbackDraft
from app.ui.contracts.dialogs import _ContractDialog
from app.ui.forms import DateEdit, TextArea

# What can happen next to a complaint (others only take corrections).
COMPLAINT_STEPS = (
    EntryKind.ACKNOWLEDGED,
    EntryKind.ACTION,
    EntryKind.OUTCOME,
    EntryKind.RESOLVED,
    EntryKind.REOPENED,
    EntryKind.CORRECTION,
)


class FeedbackDialog(_ContractDialog):
    def __init__(self, client_id: int, today: date, parent: QWidget | None = None) -> None:
        super().__init__(
            "Record feedback",
            "Write what was said in your own words. Once saved it is not edited: what happens "
            "next (a reply, an outcome, a correction) is added as a dated entry.",
            "&Save",
            parent,
        )
        self.client_id = client_id
        self.kind = QComboBox()
        for k in FeedbackKind:
            self.kind.addItem(KIND_LABELS[k], k.value)
        self.received_on = DateEdit()
        self.received_on.set_date(today)
        self.how = QComboBox()
        for h in ReceivedHow:
            self.how.addItem(HOW_LABELS[h], h.value)
        self.summary = TextArea(4)
        self.grid.add_field("kind", "&Kind", self.kind)
        self.grid.add_field("received_on", "&Received on", self.received_on)
        self.grid.add_field("received_how", "&How", self.how)
        self.grid.add_field(
            "summary",
            "&Summary",
            self.summary,
            help="For a complaint, the reply is due within the days your agreement's "
            "complaints clause promises (7 if it names none).",
        )

    def draft(self) -> FeedbackDraft:
        return FeedbackDraft(
            client_id=self.client_id,
            kind=self.kind.currentData(),
            received_on=self.received_on.date_value("received_on", required=True),
            received_how=self.how.currentData(),
            summary=self.summary.text(),
        )


class EntryDialog(_ContractDialog):
    def __init__(self, is_complaint: bool, today: date, parent: QWidget | None = None) -> None:
        super().__init__(
            "Add a dated entry",
            "Entries are kept in order and never changed, so the record shows what happened "
            "and when.",
            "&Add entry",
            parent,
        )
        self.kind = QComboBox()
        for k in COMPLAINT_STEPS if is_complaint else (EntryKind.CORRECTION,):
            self.kind.addItem(ENTRY_LABELS[k], k.value)
        self.happened_on = DateEdit()
        self.happened_on.set_date(today)
        self.text = TextArea(3)
        self.grid.add_field("kind", "&What happened", self.kind)
        self.grid.add_field("happened_on", "&On", self.happened_on)
        self.grid.add_field("text", "&Details", self.text)


class ConsentDialog(_ContractDialog):
    def __init__(self, today: date, suggested: str, parent: QWidget | None = None) -> None:
        super().__init__(
            "Use as a testimonial",
            "Only with the client's agreement. The compliment's words go into your portfolio "
            "as a testimonial, shown with the name below (initials are kinder to privacy).",
            "&Add to portfolio",
            parent,
        )
        self.consent_on = DateEdit()
        self.consent_on.set_date(today)
        self.attribution = QLineEdit(suggested)
        self.grid.add_field("consent_on", "Client &agreed on", self.consent_on)
        self.grid.add_field("attribution", "&Shown as", self.attribution)


class SignCommitmentDialog(_ContractDialog):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(
            "Record the signed agreement",
            "Record when you and the client signed the commitment agreement. Daybook keeps "
            "a copy of it as it is today (with your DBS and insurance details).",
            "Record &signed",
            parent,
        )
        self.signed_on = DateEdit()
        self.signed_on.set_date(today)
        self.how = QLineEdit()
        self.how.setPlaceholderText("For example: on paper, at a visit")
        self.grid.add_field("signed_on", "Signed &on", self.signed_on)
        self.grid.add_field("signed_how", "&How", self.how)
