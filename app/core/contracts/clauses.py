"""The default wording of a contract's clauses: kept in Settings, defaults here in code.

A new contract copies the words in; each version keeps the words it was signed with, so
editing the template never changes a contract already drafted or signed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.core import validators as v
from app.core.changes import Area, Changes, changes
from app.core.settings import get_setting, set_setting

CLAUSES = ("plan_b_text", "boundaries_text", "confidentiality_text", "complaints_text")
CLAUSE_LABELS = {
    "plan_b_text": "Plan B (when the Carer is ill or cannot come)",
    "boundaries_text": "Boundaries",
    "confidentiality_text": "Confidentiality and data protection",
    "complaints_text": "Complaints",
}
SETTING_PREFIX = "contracts.clause."

DEFAULT_CLAUSES = {
    "plan_b_text": (
        "If the Carer is ill, or cannot come for another reason, the Carer will tell the "
        "Client (and the family member or advocate named below, where the Client wishes) as "
        "early as possible, and say when the Carer expects to be back.\n"
        "The Carer may suggest other care providers, but does not arrange cover: the Client "
        "or their family chooses and arranges any cover they need, using the contacts "
        "listed below.\n"
        "Visits the Carer cannot make are not charged."
    ),
    "boundaries_text": (
        "The Carer is self-employed, not the Client's employee, and is not a care agency "
        "regulated by the Care Quality Commission.\n"
        "The Carer works only within the tasks agreed in writing, respects the Client's "
        "privacy and dignity, and does not make decisions on the Client's behalf.\n"
        "The Carer does not handle the Client's personal money or bank cards (except "
        "shopping agreed in writing, with receipts), and does not accept gifts, loans or "
        "legacies, or witness legal documents.\n"
        "Both sides treat each other with kindness and respect; bullying, intimidation or "
        "harassment by anyone is not accepted."
    ),
    "confidentiality_text": (
        "The Carer keeps everything learned about the Client and their household "
        "confidential, and shares it only with the Client's agreement, or where the law "
        "requires it, or to keep someone safe from harm (safeguarding).\n"
        "The Carer keeps the Client's records securely, as the data controller under UK "
        "data protection law (UK GDPR), only for as long as needed. The Client may ask to "
        "see the records kept about them at any time."
    ),
    "complaints_text": (
        "If the Client or their family is unhappy with any part of the care, please tell "
        "the Carer first: most worries are put right by talking. The Carer will reply "
        "within 7 days.\n"
        "If it is not resolved, the Client may contact the local micro-provider scheme or "
        "the council. Anyone who believes an adult is unsafe or being mistreated should "
        "contact the council's adult safeguarding team at once (or 999 in an emergency)."
    ),
}


@dataclass
class ClauseTemplate:
    plan_b_text: str = DEFAULT_CLAUSES["plan_b_text"]
    boundaries_text: str = DEFAULT_CLAUSES["boundaries_text"]
    confidentiality_text: str = DEFAULT_CLAUSES["confidentiality_text"]
    complaints_text: str = DEFAULT_CLAUSES["complaints_text"]


def clause_template(session: Session) -> ClauseTemplate:
    """The carer's template: what they saved in Settings, else the defaults."""
    return ClauseTemplate(
        **{
            name: get_setting(session, SETTING_PREFIX + name, DEFAULT_CLAUSES[name])
            or DEFAULT_CLAUSES[name]
            for name in CLAUSES
        }
    )


def validate_clause(text: str, field: str, *, required: bool = False) -> str:
    label = CLAUSE_LABELS[field].split(" (")[0]
    if required:
        return v.required_text(text, field, f"{label} wording", max_len=v.MAX_TEXT * 2)
    return v.optional_text(text, field, f"{label} wording", max_len=v.MAX_TEXT * 2)


def save_clause_template(session: Session, template: ClauseTemplate) -> Changes:
    cleaned = {
        name: validate_clause(getattr(template, name), name, required=True) for name in CLAUSES
    }
    for name, text in cleaned.items():
        set_setting(session, SETTING_PREFIX + name, text)
    session.flush()
    return changes(Area.SETTINGS, Area.CONTRACTS)


def reset_clause_template(session: Session) -> Changes:
    return save_clause_template(session, ClauseTemplate())
