"""What the database itself refuses, in one place: the migrations create these triggers and
`daybook check` reports any that is missing (dropping one would let records change unseen).

The sealed column lists are also what each seal covers (app/core/sealing/seals.py). A later
migration that changes a list must drop and create the trigger again.
"""

from __future__ import annotations

SAFEGUARDING_REFUSAL = (
    "Safeguarding records are final: they cannot be changed or deleted. "
    "Add a dated addendum instead."
)
INVOICE_REFUSAL = (
    "This invoice has been issued, so it cannot be changed or deleted. "
    "To correct it, make a credit note for it."
)
CREDIT_NOTE_REFUSAL = "Credit notes are final: they cannot be changed or deleted."
CONTRACT_REFUSAL = (
    "This version of the agreement is signed, so it cannot be changed or deleted. "
    "To change the terms, make a new version."
)
SEAL_REFUSAL = "Seals are final: they cannot be changed or deleted."

INVOICE_SEALED = (
    "id",
    "number",
    "client_id",
    "period_start",
    "period_end",
    "payer_name",
    "payer_address",
    "person_name",
    "payer_is_client",
    "issue_date",
    "due_date",
    "payment_terms_days",
    "total_pence",
    "notes",
    "snapshot",
    "created_at",
    "issued_at",
)
INVOICE_LINE_SEALED = (
    "id",
    "invoice_id",
    "visit_id",
    "kind",
    "description",
    "line_date",
    "starts_at",
    "ends_at",
    "minutes",
    "rate_pence",
    "quantity",
    "amount_pence",
    "position",
)
CREDIT_NOTE_SEALED = (
    "id",
    "number",
    "invoice_id",
    "issue_date",
    "reason",
    "total_pence",
    "snapshot",
    "created_at",
)
CREDIT_NOTE_LINE_SEALED = ("id", "credit_note_id", "invoice_line_id", "description", "amount_pence")
CONTRACT_VERSION_SEALED = (
    "id",
    "contract_id",
    "version_no",
    "starts_on",
    "ends_on",
    "services",
    "services_text",
    "schedule",
    "every_n_weeks",
    "standard_rate_pence",
    "evening_rate_pence",
    "weekend_rate_pence",
    "bank_holiday_rate_pence",
    "specialist_rate_pence",
    "minimum_charge_pence",
    "mileage_pence_per_mile",
    "late_cancel_hours",
    "late_cancel_percent",
    "payment_method",
    "invoice_frequency",
    "payment_terms_days",
    "notice_days_client",
    "notice_days_carer",
    "plan_b_text",
    "boundaries_text",
    "confidentiality_text",
    "complaints_text",
    "sent_on",
    "signed_on",
    "signed_how",
    "created_at",
)
# Added to contract_version by migration 0013, each with the value every version had before.
# A version holding that value is sealed without the column, so seals made before 0013 still
# verify; a version signed with another value seals it (app/core/sealing/seals.py).
CONTRACT_VERSION_SEALED_LATER: dict[str, object] = {
    "charge_rule": "time_spent",
    "overrun_after_minutes": None,
    "christmas_holiday_rate": 0,
}
# Written later by an event, so not sealed with the record: an invoice's status follows its
# payments and credit notes (never back to draft); a signed version becomes superseded; a
# PDF rendered on first request is stored once (then sealed on its own).
FINAL_INVOICE_STATUSES = ("issued", "part_paid", "paid", "void")


def _changed(columns: tuple[str, ...]) -> str:
    return " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in columns)


def _trigger(name: str, when: str, table: str, condition: str | None, message: str) -> str:
    where = f" WHEN {condition}" if condition else ""
    return (
        f"CREATE TRIGGER {name} BEFORE {when} ON {table} FOR EACH ROW{where} "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
    )


def _pdf_rewritten(column: str) -> str:
    return f"(OLD.{column} IS NOT NULL AND NEW.{column} IS NOT OLD.{column})"


_INVOICE_FINAL = "(SELECT status FROM invoice WHERE id = {}.invoice_id) <> 'draft'"
_STATUSES = ", ".join(f"'{s}'" for s in FINAL_INVOICE_STATUSES)
_CN_SEALED = (
    "EXISTS (SELECT 1 FROM record_seal WHERE kind = 'credit_note' "
    "AND record_id = {}.credit_note_id)"
)
_SIGNED = "OLD.status IN ('signed', 'superseded')"

SAFEGUARDING_TRIGGERS: dict[str, str] = {
    f"{table}_no_{verb.lower()}": (
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{SAFEGUARDING_REFUSAL}'); END"
    )
    for table in ("safeguarding_record", "safeguarding_addendum")
    for verb in ("UPDATE", "DELETE")
}


def contract_version_update_trigger(*, later: bool = True) -> str:
    """Refuses changes to a signed version; `later=False` is the trigger of 0008, made before
    the columns of 0013 existed."""
    columns = CONTRACT_VERSION_SEALED + (tuple(CONTRACT_VERSION_SEALED_LATER) if later else ())
    return _trigger(
        "contract_version_signed_no_update",
        "UPDATE",
        "contract_version",
        f"{_SIGNED} AND ({_changed(columns)} "
        "OR NOT (NEW.status IS OLD.status "
        "OR (OLD.status = 'signed' AND NEW.status = 'superseded')) "
        f"OR {_pdf_rewritten('signed_pdf')})",
        CONTRACT_REFUSAL,
    )


SEALED_RECORD_TRIGGERS: dict[str, str] = {
    "invoice_final_no_update": _trigger(
        "invoice_final_no_update",
        "UPDATE",
        "invoice",
        f"OLD.status <> 'draft' AND ({_changed(INVOICE_SEALED)} "
        f"OR NEW.status NOT IN ({_STATUSES}) OR {_pdf_rewritten('pdf')})",
        INVOICE_REFUSAL,
    ),
    "invoice_final_no_delete": _trigger(
        "invoice_final_no_delete", "DELETE", "invoice", "OLD.status <> 'draft'", INVOICE_REFUSAL
    ),
    "invoice_line_final_no_insert": _trigger(
        "invoice_line_final_no_insert",
        "INSERT",
        "invoice_line",
        _INVOICE_FINAL.format("NEW"),
        INVOICE_REFUSAL,
    ),
    "invoice_line_final_no_update": _trigger(
        "invoice_line_final_no_update",
        "UPDATE",
        "invoice_line",
        f"{_INVOICE_FINAL.format('OLD')} OR {_INVOICE_FINAL.format('NEW')}",
        INVOICE_REFUSAL,
    ),
    "invoice_line_final_no_delete": _trigger(
        "invoice_line_final_no_delete",
        "DELETE",
        "invoice_line",
        _INVOICE_FINAL.format("OLD"),
        INVOICE_REFUSAL,
    ),
    "credit_note_no_update": _trigger(
        "credit_note_no_update",
        "UPDATE",
        "credit_note",
        f"{_changed(CREDIT_NOTE_SEALED)} OR {_pdf_rewritten('pdf')}",
        CREDIT_NOTE_REFUSAL,
    ),
    "credit_note_no_delete": _trigger(
        "credit_note_no_delete", "DELETE", "credit_note", None, CREDIT_NOTE_REFUSAL
    ),
    "credit_note_line_no_insert": _trigger(
        "credit_note_line_no_insert",
        "INSERT",
        "credit_note_line",
        _CN_SEALED.format("NEW"),
        CREDIT_NOTE_REFUSAL,
    ),
    "credit_note_line_no_update": _trigger(
        "credit_note_line_no_update", "UPDATE", "credit_note_line", None, CREDIT_NOTE_REFUSAL
    ),
    "credit_note_line_no_delete": _trigger(
        "credit_note_line_no_delete", "DELETE", "credit_note_line", None, CREDIT_NOTE_REFUSAL
    ),
    "contract_version_signed_no_update": contract_version_update_trigger(),
    "contract_version_signed_no_delete": _trigger(
        "contract_version_signed_no_delete", "DELETE", "contract_version", _SIGNED, CONTRACT_REFUSAL
    ),
    "record_seal_no_update": _trigger(
        "record_seal_no_update", "UPDATE", "record_seal", None, SEAL_REFUSAL
    ),
    "record_seal_no_delete": _trigger(
        "record_seal_no_delete", "DELETE", "record_seal", None, SEAL_REFUSAL
    ),
}

# Migration 0008 creates these (the contract version trigger without the columns of 0013).
SEALED_RECORD_TRIGGERS_0008: dict[str, str] = {
    **SEALED_RECORD_TRIGGERS,
    "contract_version_signed_no_update": contract_version_update_trigger(later=False),
}

EXPECTED_TRIGGERS: dict[str, str] = {**SAFEGUARDING_TRIGGERS, **SEALED_RECORD_TRIGGERS}


def missing_triggers(names_present: set[str]) -> list[str]:
    return [name for name in EXPECTED_TRIGGERS if name not in names_present]
