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

# Migration 0007 creates these; 0014 replaces the two UPDATE triggers (see ERASURE below).
# Erasure (issue 18, migration 0014): once a client's retention has ended, their details in
# final records are replaced: names by the placeholder, words by ERASED_TEXT (or ""), the
# document snapshot and PDF by redacted ones; amounts, dates and numbers never change. The
# triggers allow exactly that, and only for a record listed in erased_record (itself final);
# the erasure is then sealed as one entry in the chain of seals (app/core/sealing/seals.py).
PLACEHOLDER_PREFIX = "Erased client #"
ERASED_TEXT = "(erased)"
INVOICE_PERSONAL = ("payer_name", "payer_address", "person_name", "notes")
INVOICE_PERSONAL_FREE = ("snapshot",)  # rewritten whole: its names replaced as above
CREDIT_NOTE_PERSONAL = ("reason",)
CREDIT_NOTE_PERSONAL_FREE = ("snapshot",)
LINE_PERSONAL = ("description",)  # invoice and credit note lines that the carer typed
CONTRACT_VERSION_PERSONAL = (
    "services_text",
    "plan_b_text",
    "boundaries_text",
    "confidentiality_text",
    "complaints_text",
    "signed_how",
)
SAFEGUARDING_RECORD_PERSONAL = ("place", "present", "seen_heard", "actions_taken")
# also person_name (to the placeholder) and notifications (names and references removed)
_BLANK = f"'', '{ERASED_TEXT}'"


def _erasing(kind: str, record_id: str) -> str:
    return f"EXISTS (SELECT 1 FROM erased_record WHERE kind = '{kind}' AND record_id = {record_id})"


def _placeholder(client_id: str) -> str:
    return f"'{PLACEHOLDER_PREFIX}' || {client_id}"


def _redacted(columns: tuple[str, ...], *also: str) -> str:
    allowed = ", ".join((_BLANK, *also))
    return " AND ".join(f"NEW.{c} IN ({allowed})" for c in columns)


def _line_redaction(kind: str, parent: str, columns: tuple[str, ...]) -> str:
    kept = tuple(c for c in columns if c not in LINE_PERSONAL)
    return (
        f"{_erasing(kind, 'OLD.' + parent)} AND {_redacted(LINE_PERSONAL)} "
        f"AND NOT ({_changed(kept)})"
    )


SAFEGUARDING_TRIGGERS_0007: dict[str, str] = {
    f"{table}_no_{verb.lower()}": (
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{SAFEGUARDING_REFUSAL}'); END"
    )
    for table in ("safeguarding_record", "safeguarding_addendum")
    for verb in ("UPDATE", "DELETE")
}


def contract_version_update_trigger(*, later: bool = True, erasure: bool = True) -> str:
    """Refuses changes to a signed version; `later=False` is the trigger of 0008, made before
    the columns of 0013 existed; `erasure=False` the one before 0014's erasure exception."""
    columns = CONTRACT_VERSION_SEALED + (tuple(CONTRACT_VERSION_SEALED_LATER) if later else ())
    status = (
        "NOT (NEW.status IS OLD.status OR (OLD.status = 'signed' AND NEW.status = 'superseded'))"
    )
    if not erasure:
        refused = f"{_changed(columns)} OR {status} OR {_pdf_rewritten('signed_pdf')}"
    else:
        kept = tuple(c for c in columns if c not in CONTRACT_VERSION_PERSONAL)
        redacting = f"{_changed(CONTRACT_VERSION_PERSONAL)} OR {_pdf_rewritten('signed_pdf')}"
        refused = (
            f"{_changed(kept)} OR {status} OR (({redacting}) AND NOT ("
            f"{_erasing('contract_version', 'OLD.id')} "
            f"AND {_redacted(CONTRACT_VERSION_PERSONAL)}))"
        )
    return _trigger(
        "contract_version_signed_no_update",
        "UPDATE",
        "contract_version",
        f"{_SIGNED} AND ({refused})",
        CONTRACT_REFUSAL,
    )


def _invoice_update(*, erasure: bool) -> str:
    if not erasure:
        refused = (
            f"{_changed(INVOICE_SEALED)} OR NEW.status NOT IN ({_STATUSES}) "
            f"OR {_pdf_rewritten('pdf')}"
        )
    else:
        personal = INVOICE_PERSONAL + INVOICE_PERSONAL_FREE
        kept = tuple(c for c in INVOICE_SEALED if c not in personal)
        refused = (
            f"{_changed(kept)} OR NEW.status NOT IN ({_STATUSES}) "
            f"OR (({_changed(personal)} OR {_pdf_rewritten('pdf')}) AND NOT ("
            f"{_erasing('invoice', 'OLD.id')} "
            f"AND {_redacted(INVOICE_PERSONAL, _placeholder('OLD.client_id'))}))"
        )
    return _trigger(
        "invoice_final_no_update",
        "UPDATE",
        "invoice",
        f"OLD.status <> 'draft' AND ({refused})",
        INVOICE_REFUSAL,
    )


def _invoice_line_update(*, erasure: bool) -> str:
    final = f"{_INVOICE_FINAL.format('OLD')} OR {_INVOICE_FINAL.format('NEW')}"
    if erasure:
        redaction = _line_redaction("invoice", "invoice_id", INVOICE_LINE_SEALED)
        final = f"({final}) AND NOT ({redaction})"
    return _trigger(
        "invoice_line_final_no_update", "UPDATE", "invoice_line", final, INVOICE_REFUSAL
    )


def _credit_note_update(*, erasure: bool) -> str:
    if not erasure:
        refused = f"{_changed(CREDIT_NOTE_SEALED)} OR {_pdf_rewritten('pdf')}"
    else:
        personal = CREDIT_NOTE_PERSONAL + CREDIT_NOTE_PERSONAL_FREE
        kept = tuple(c for c in CREDIT_NOTE_SEALED if c not in personal)
        refused = (
            f"{_changed(kept)} OR (({_changed(personal)} OR {_pdf_rewritten('pdf')}) AND NOT ("
            f"{_erasing('credit_note', 'OLD.id')} AND {_redacted(CREDIT_NOTE_PERSONAL)}))"
        )
    return _trigger("credit_note_no_update", "UPDATE", "credit_note", refused, CREDIT_NOTE_REFUSAL)


def _credit_note_line_update(*, erasure: bool) -> str:
    allowed = (
        f"NOT ({_line_redaction('credit_note', 'credit_note_id', CREDIT_NOTE_LINE_SEALED)})"
        if erasure
        else None
    )
    return _trigger(
        "credit_note_line_no_update", "UPDATE", "credit_note_line", allowed, CREDIT_NOTE_REFUSAL
    )


def _sealed_record_triggers(*, erasure: bool) -> dict[str, str]:
    return {
        "invoice_final_no_update": _invoice_update(erasure=erasure),
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
        "invoice_line_final_no_update": _invoice_line_update(erasure=erasure),
        "invoice_line_final_no_delete": _trigger(
            "invoice_line_final_no_delete",
            "DELETE",
            "invoice_line",
            _INVOICE_FINAL.format("OLD"),
            INVOICE_REFUSAL,
        ),
        "credit_note_no_update": _credit_note_update(erasure=erasure),
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
        "credit_note_line_no_update": _credit_note_line_update(erasure=erasure),
        "credit_note_line_no_delete": _trigger(
            "credit_note_line_no_delete", "DELETE", "credit_note_line", None, CREDIT_NOTE_REFUSAL
        ),
        "contract_version_signed_no_update": contract_version_update_trigger(erasure=erasure),
        "contract_version_signed_no_delete": _trigger(
            "contract_version_signed_no_delete",
            "DELETE",
            "contract_version",
            _SIGNED,
            CONTRACT_REFUSAL,
        ),
        "record_seal_no_update": _trigger(
            "record_seal_no_update", "UPDATE", "record_seal", None, SEAL_REFUSAL
        ),
        "record_seal_no_delete": _trigger(
            "record_seal_no_delete", "DELETE", "record_seal", None, SEAL_REFUSAL
        ),
    }


SEALED_RECORD_TRIGGERS: dict[str, str] = _sealed_record_triggers(erasure=True)
# As migration 0013 left them (before the erasure exception of 0014).
SEALED_RECORD_TRIGGERS_0013: dict[str, str] = _sealed_record_triggers(erasure=False)
# Migration 0008 creates these (the contract version trigger without the columns of 0013).
SEALED_RECORD_TRIGGERS_0008: dict[str, str] = {
    **SEALED_RECORD_TRIGGERS_0013,
    "contract_version_signed_no_update": contract_version_update_trigger(
        later=False, erasure=False
    ),
}

# Safeguarding records: a record may be redacted only when its client is erased (their
# retention has ended); addenda likewise. Nothing else about either ever changes.
_SG_RECORD_KEPT = (
    "id",
    "chain_seq",
    "client_id",
    "happened_at",
    "written_at",
    "categories",
    "consent",
    "follow_up_due",
    "prev_hash",
    "content_hash",
)
_SG_ADDENDUM_KEPT = (
    "id",
    "chain_seq",
    "record_id",
    "seq",
    "kind",
    "written_at",
    "follow_up_due",
    "prev_hash",
    "content_hash",
)
SAFEGUARDING_TRIGGERS: dict[str, str] = {
    **SAFEGUARDING_TRIGGERS_0007,
    "safeguarding_record_no_update": _trigger(
        "safeguarding_record_no_update",
        "UPDATE",
        "safeguarding_record",
        f"NOT ({_erasing('safeguarding_record', 'OLD.id')} "
        f"AND NEW.person_name IN ({_BLANK}, {_placeholder('OLD.client_id')}) "
        f"AND {_redacted(SAFEGUARDING_RECORD_PERSONAL)} "
        f"AND NOT ({_changed(_SG_RECORD_KEPT)}))",
        SAFEGUARDING_REFUSAL,
    ),
    "safeguarding_addendum_no_update": _trigger(
        "safeguarding_addendum_no_update",
        "UPDATE",
        "safeguarding_addendum",
        f"NOT ({_erasing('safeguarding_record', 'OLD.record_id')} "
        f"AND {_redacted(('text',))} AND NOT ({_changed(_SG_ADDENDUM_KEPT)}))",
        SAFEGUARDING_REFUSAL,
    ),
}

# Migration 0009 made feedback and signed commitment agreements unchangeable; 0014 lets the
# same erasure redact their words, and guards the list of erased records itself.
FEEDBACK_REFUSAL = "Feedback is not changed or deleted once saved. Add a dated entry instead."
AGREEMENT_REFUSAL = "A signed agreement is final. Sign a new one instead."
ERASED_REFUSAL = "The list of erased records is final."
FEEDBACK_RECEIVED = "client_id, kind, received_on, received_how, summary, reply_due, reply_days"
_FEEDBACK_KEPT = ("client_id", "kind", "received_on", "received_how", "reply_due", "reply_days")
ERASURE_TRIGGERS: dict[str, str] = {
    "feedback_received_no_update": _trigger(
        "feedback_received_no_update",
        f"UPDATE OF {FEEDBACK_RECEIVED}",
        "feedback",
        f"NOT ({_erasing('feedback', 'OLD.id')} AND {_redacted(('summary',))} "
        f"AND NOT ({_changed(_FEEDBACK_KEPT)}))",
        FEEDBACK_REFUSAL,
    ),
    "feedback_entry_no_update": _trigger(
        "feedback_entry_no_update",
        "UPDATE",
        "feedback_entry",
        f"NOT ({_erasing('feedback', 'OLD.feedback_id')} AND {_redacted(('text',))} "
        f"AND NOT ({_changed(('id', 'feedback_id', 'kind', 'happened_on', 'written_at'))}))",
        FEEDBACK_REFUSAL,
    ),
    "commitment_agreement_no_update": _trigger(
        "commitment_agreement_no_update",
        "UPDATE",
        "commitment_agreement",
        f"NOT ({_erasing('commitment_agreement', 'OLD.id')} AND {_redacted(('signed_how',))} "
        f"AND NOT ({_changed(('id', 'client_id', 'signed_on', 'created_at'))}))",
        AGREEMENT_REFUSAL,
    ),
    "erased_record_no_update": _trigger(
        "erased_record_no_update", "UPDATE", "erased_record", None, ERASED_REFUSAL
    ),
    "erased_record_no_delete": _trigger(
        "erased_record_no_delete", "DELETE", "erased_record", None, ERASED_REFUSAL
    ),
}
# What 0014 drops and makes again, with what was there before (for its downgrade).
REPLACED_BY_0014: dict[str, str] = {
    **{
        name: sql
        for name, sql in SEALED_RECORD_TRIGGERS_0013.items()
        if sql != SEALED_RECORD_TRIGGERS[name]
    },
    **{
        name: sql
        for name, sql in SAFEGUARDING_TRIGGERS_0007.items()
        if sql != SAFEGUARDING_TRIGGERS[name]
    },
    "feedback_received_no_update": (
        f"CREATE TRIGGER feedback_received_no_update BEFORE UPDATE OF {FEEDBACK_RECEIVED} "
        f"ON feedback BEGIN SELECT RAISE(ABORT, '{FEEDBACK_REFUSAL}'); END"
    ),
    "feedback_entry_no_update": (
        "CREATE TRIGGER feedback_entry_no_update BEFORE UPDATE ON feedback_entry "
        f"BEGIN SELECT RAISE(ABORT, '{FEEDBACK_REFUSAL}'); END"
    ),
    "commitment_agreement_no_update": (
        "CREATE TRIGGER commitment_agreement_no_update BEFORE UPDATE ON commitment_agreement "
        f"BEGIN SELECT RAISE(ABORT, '{AGREEMENT_REFUSAL}'); END"
    ),
}
CURRENT_TRIGGERS: dict[str, str] = {
    **SEALED_RECORD_TRIGGERS,
    **SAFEGUARDING_TRIGGERS,
    **ERASURE_TRIGGERS,
}

EXPECTED_TRIGGERS: dict[str, str] = CURRENT_TRIGGERS


def missing_triggers(names_present: set[str]) -> list[str]:
    return [name for name in EXPECTED_TRIGGERS if name not in names_present]
