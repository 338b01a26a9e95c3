"""Small dialogs for the contract lifecycle: mark signed, new version, give notice, Plan B."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QWidget,
)

from app.core.contracts.models import NOTICE_BY_LABELS, NoticeBy
from app.core.contracts.plan_b import PLAN_B_KIND_LABELS, PlanBDraft, PlanBKind
from app.ui.forms import DateEdit, FormDialog, TextArea


class _ContractDialog(FormDialog):
    """The caller reads the values after the dialog closes and runs the service itself."""

    def __init__(self, title: str, intro: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(None, title, ok_text, parent, intro=intro)


class SignDialog(_ContractDialog):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(
            "Mark as signed",
            "Record when and how both of you signed. Daybook keeps a copy of the "
            "agreement exactly as it is now; after this its terms cannot change.",
            "Mark as &signed",
            parent,
        )
        self.signed_on = DateEdit()
        self.signed_on.set_date(today)
        self.how = QLineEdit()
        self.how.setPlaceholderText("For example: on paper, at the first visit")
        self.grid.add_field("signed_on", "Signed &on", self.signed_on)
        self.grid.add_field("signed_how", "&How", self.how)


class NewVersionDialog(_ContractDialog):
    def __init__(self, suggested: date, parent: QWidget | None = None) -> None:
        super().__init__(
            "Make a new version",
            "The signed terms stay as they are. The new version starts as a copy "
            "for you to change; once signed, it takes over from the date below.",
            "Make &new version",
            parent,
        )
        self.starts_on = DateEdit()
        self.starts_on.set_date(suggested)
        self.grid.add_field("starts_on", "New terms &start on", self.starts_on)


class NoticeDialog(_ContractDialog):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(
            "Give notice",
            "Record who gave notice and when. Daybook works out the last day from "
            "that side's notice period and shows it on Today.",
            "Record &notice",
            parent,
        )
        self.by = QComboBox()
        for side in NoticeBy:
            self.by.addItem(NOTICE_BY_LABELS[side].capitalize(), side.value)
        self.given_on = DateEdit()
        self.given_on.set_date(today)
        self.grid.add_field("notice_given_by", "Who gave &notice", self.by)
        self.grid.add_field("notice_given_on", "&Given on", self.given_on)


class PlanBDialog(_ContractDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Add a Plan B contact",
            "Who arranges cover if you are ill (family or an advocate), or another "
            "provider you may suggest. You never arrange cover yourself.",
            "&Add contact",
            parent,
        )
        self.kind = QComboBox()
        for k in PlanBKind:
            self.kind.addItem(PLAN_B_KIND_LABELS[k], k.value)
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.notes = TextArea(2)
        self.consent = QCheckBox("The client agreed that these details may be shared")
        self.grid.add_field("kind", "&Who", self.kind)
        self.grid.add_field("name", "&Name", self.name)
        self.grid.add_field("phone", "&Phone", self.phone)
        self.grid.add_field("notes", "Notes", self.notes)
        self.grid.add_field("consent_to_share", "Consent", self.consent)

    def draft(self) -> PlanBDraft:
        return PlanBDraft(
            kind=PlanBKind(self.kind.currentData()),
            name=self.name.text(),
            phone=self.phone.text(),
            notes=self.notes.text(),
            consent_to_share=self.consent.isChecked(),
        )
