"""Drafting, editing, sending, signing and versioning an agreement.

Lifecycle of a version: draft -> sent -> signed. A signed version is locked; new terms make
a new version that starts on a date. When the new version is signed, the earlier one
becomes "superseded" (it still governs the days before the new start date).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app.core import validators as v
from app.core.changes import Area, Changes, Done, changes
from app.core.clients import Client, get_client
from app.core.contracts.ending import recompute_end
from app.core.contracts.form import (
    ContractDraft,
    apply_draft,
    draft_from_version,
    validate_contract,
)
from app.core.contracts.lookup import (
    contracts_for_client,
    get_contract,
    get_version,
    latest_signed,
    latest_version,
)
from app.core.contracts.models import (
    SIGNED_STATES,
    Contract,
    ContractStatus,
    ContractVersion,
)
from app.core.errors import DaybookError, LockedRecord, ValidationError
from app.core.formatting import format_date
from app.core.sealing.seals import seal_record

if TYPE_CHECKING:
    from app.core.visits.terms_changed import ClearedVisits

# ---------------------------------------------------------------------------------------
# Drafting and editing


def draft_contract(session: Session, draft: ContractDraft, *, today: date) -> Done[ContractVersion]:
    """A new contract for draft.client_id with version 1 as a draft."""
    if draft.client_id is None:
        raise ValidationError("client_id", "Choose the client this agreement is with.")
    client = get_client(session, draft.client_id)
    clean = validate_contract(draft, today=today)
    check_client_start(client, clean.starts_on)
    for other in contracts_for_client(session, client.id):
        if other.end_date is None or other.end_date >= clean.starts_on:  # type: ignore[operator]
            raise DaybookError(
                f"This client already has an agreement (contract {other.id}) running then. "
                "Change it by making a new version, or give notice on it first."
            )
    contract = Contract(client_id=client.id)
    version = ContractVersion(version_no=1, status=ContractStatus.DRAFT)
    apply_draft(version, clean)
    contract.versions.append(version)
    session.add(contract)
    contract.end_date = clean.ends_on
    session.flush()
    return Done(version, changes(Area.CONTRACTS))


def check_client_start(client: Client, starts_on: date | None) -> None:
    """An agreement cannot begin before its client's care does (the client's start date);
    a client with no start date is only warned about (term_warnings)."""
    if client.start_date is not None and starts_on is not None and starts_on < client.start_date:
        raise ValidationError(
            "starts_on",
            f"The agreement starts before the client's start date "
            f"({format_date(client.start_date)}). Change the agreement's start date, or the "
            "client's in Clients.",
        )


def _locked_message(version: ContractVersion) -> str:
    return (
        f"Version {version.version_no} of this agreement is signed, so its terms cannot "
        "change. To change them, make a new version that starts on a date."
    )


def update_version(
    session: Session, version_id: int, draft: ContractDraft, *, today: date
) -> Changes:
    """Edits an unsigned version. A sent version goes back to draft (send it again)."""
    version = get_version(session, version_id)
    if version.locked:
        raise LockedRecord(_locked_message(version))
    clean = validate_contract(draft, today=today)
    check_client_start(version.contract.client, clean.starts_on)
    _check_start_after_signed(version, clean.starts_on)  # type: ignore[arg-type]
    apply_draft(version, clean)
    if version.status == ContractStatus.SENT:
        version.status = ContractStatus.DRAFT
        version.sent_on = None
    if version.version_no == 1 or latest_signed(version.contract) is None:
        version.contract.end_date = clean.ends_on
        recompute_end(version.contract)
    session.flush()
    return changes(Area.CONTRACTS)


def _check_start_after_signed(version: ContractVersion, starts_on: date) -> None:
    earlier = [
        ver
        for ver in version.contract.versions
        if ver is not version and ver.status in SIGNED_STATES
    ]
    if earlier:
        last = max(earlier, key=lambda ver: ver.starts_on)
        if starts_on <= last.starts_on:
            raise ValidationError(
                "starts_on",
                f"A new version must start after version {last.version_no} "
                f"started ({format_date(last.starts_on)}).",
            )


def send_version(session: Session, version_id: int, *, sent_on: date) -> Changes:
    version = get_version(session, version_id)
    if version.locked:
        raise LockedRecord(_locked_message(version))
    version.status = ContractStatus.SENT
    version.sent_on = sent_on
    session.flush()
    return changes(Area.CONTRACTS)


PdfRenderer = Callable[[Session, ContractVersion], bytes]


def sign_version(
    session: Session,
    version_id: int,
    *,
    signed_on: date | None,
    how: str,
    today: date,
    render: PdfRenderer,
) -> Done[ClearedVisits]:
    """Marks a version signed on a date, stores its PDF byte for byte, and supersedes the
    earlier signed version from this version's start date. Visits planned from the earlier
    terms on days these terms now cover, or after a last day these terms set, are deleted
    (app.core.visits.terms_changed); the value says how many."""
    from app.core.visits.terms_changed import clear_visits_outside_terms

    version = get_version(session, version_id)
    if version.locked:
        raise LockedRecord(f"Version {version.version_no} is already signed.")
    signed_on = v.past_date(
        signed_on, "signed_on", "date it was signed", today=today, required=True
    )
    how = v.required_text(
        how,
        "signed_how",
        "way it was signed (for example: on paper, at the first visit)",
        max_len=200,
    )
    # The stored terms must still pass today's checks (they did when saved).
    validate_contract(draft_from_version(version), today=today)
    check_client_start(version.contract.client, version.starts_on)
    _check_start_after_signed(version, version.starts_on)
    version.status = ContractStatus.SIGNED
    version.signed_on = signed_on
    version.signed_how = how
    for other in version.contract.versions:
        if other is not version and other.status == ContractStatus.SIGNED:
            other.status = ContractStatus.SUPERSEDED
    recompute_end(version.contract)
    session.flush()
    version.signed_pdf = render(session, version)
    seal_record(session, "contract_version", version.id)
    cleared = clear_visits_outside_terms(session, version.contract_id)
    said = changes(Area.CONTRACTS, Area.VISITS) if cleared.removed else changes(Area.CONTRACTS)
    return Done(cleared, said)


def new_version(
    session: Session, contract_id: int, *, starts_on: date | None, today: date
) -> Done[ContractVersion]:
    """A draft copy of the signed terms, to change, starting on `starts_on`."""
    contract = get_contract(session, contract_id)
    base = latest_signed(contract)
    if base is None:
        raise DaybookError("This agreement has not been signed yet: change the draft instead.")
    pending = [ver for ver in contract.versions if not ver.locked]
    if pending:
        raise DaybookError(
            f"Version {pending[0].version_no} is already being drafted; change that one."
        )
    if starts_on is None:
        raise ValidationError("starts_on", "Enter the date the new terms start.")
    if starts_on <= base.starts_on:
        raise ValidationError(
            "starts_on",
            f"The new version must start after version "
            f"{base.version_no} started "
            f"({format_date(base.starts_on)}).",
        )
    if contract.end_date is not None and starts_on > contract.end_date:
        raise ValidationError(
            "starts_on", f"The agreement ends before that date ({format_date(contract.end_date)})."
        )
    if not (today.year - 30 <= starts_on.year <= today.year + 5):
        raise ValidationError("starts_on", "Check the start date's year.")
    version = ContractVersion(
        version_no=latest_version(contract).version_no + 1, status=ContractStatus.DRAFT
    )
    draft = draft_from_version(base)
    draft.starts_on = starts_on
    apply_draft(version, draft)
    contract.versions.append(version)
    session.flush()
    return Done(version, changes(Area.CONTRACTS))


def discard_draft(session: Session, version_id: int) -> Changes:
    """Deletes a version that was never signed; a contract with nothing left goes too."""
    version = get_version(session, version_id)
    if version.locked:
        raise LockedRecord(_locked_message(version))
    contract = version.contract
    contract.versions.remove(version)
    session.delete(version)
    if not contract.versions:
        session.delete(contract)
    session.flush()
    return changes(Area.CONTRACTS)
