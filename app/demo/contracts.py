"""Demo contracts: signed agreements for the active and paused clients, a few rate rises
(second versions), one with notice given, one draft for the enquiry; Plan B contacts.

Schedules never overlap between clients (with half an hour to travel between visits).
Facts for later steps go in ctx.notes["contracts"].
"""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy.orm import Session

from app.core.clients import Client, ClientStatus
from app.core.contracts.drafting import (
    draft_contract,
    new_version,
    send_version,
    sign_version,
    update_version,
)
from app.core.contracts.ending import give_notice
from app.core.contracts.form import draft_from_version, new_contract_draft
from app.core.contracts.models import InvoiceFrequency, PaymentMethod, ScheduleSlot
from app.core.contracts.plan_b import PlanBDraft, PlanBKind, add_plan_b_contact
from app.demo import DemoContext

STANDARD_RATES = [1700, 1800, 1850, 1900, 2000, 2000, 2100, 2200]
STARTS = [
    time(8, 0),
    time(9, 30),
    time(11, 0),
    time(12, 30),
    time(14, 0),
    time(15, 30),
    time(17, 0),
    time(18, 30),
    time(19, 45),
]
LENGTHS = [30, 45, 60, 60, 90, 120]
TRAVEL = 30  # minutes kept free between two clients' visits
PROVIDERS = [
    ("Vale Home Helpers", "01823 660120"),
    ("Wellington Community Care Co-op", "01823 667431"),
    ("Tone Valley Micro-Carers", "01823 445902"),
]
SERVICES = ["personal_care", "meals", "shopping", "companionship", "medication_prompts", "domestic"]
HOW_SIGNED = [
    "On paper at the first visit",
    "On paper, signed by the client's daughter",
    "Signed copy returned by post",
    "On paper at the home visit",
]


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _time(m: int) -> time:
    return time(m // 60, m % 60)


class _Diary:
    """The carer's week: which times are already taken on each weekday."""

    def __init__(self) -> None:
        self.busy: dict[int, list[tuple[int, int]]] = {d: [] for d in range(7)}

    def free(self, day: int, start: int, end: int) -> bool:
        return all(end + TRAVEL <= a or start >= b + TRAVEL for a, b in self.busy[day])

    def take(self, day: int, start: int, end: int) -> None:
        self.busy[day].append((start, end))


def _schedule(
    ctx: DemoContext, diary: _Diary, visits: int, weekends: bool, evening: bool
) -> list[ScheduleSlot]:
    rng = ctx.rng
    length = rng.choice(LENGTHS)
    days = list(range(7 if weekends else 5))
    rng.shuffle(days)
    starts = STARTS[-2:] if evening else STARTS[:-2]
    slots: list[ScheduleSlot] = []
    for day in days:
        if len(slots) >= visits:
            break
        for start in rng.sample(starts, len(starts)):
            a = _minutes(start)
            b = a + length
            if b <= 21 * 60 and diary.free(day, a, b):
                diary.take(day, a, b)
                slots.append(ScheduleSlot(day, _time(a), _time(b)))
                break
    return sorted(slots, key=lambda s: (s.weekday, s.start))


def _round50(pence: float) -> int:
    return int(round(pence / 50.0) * 50)


def extend(session: Session, ctx: DemoContext) -> str:
    rng = ctx.rng
    today = ctx.today
    diary = _Diary()
    notes: dict[str, object] = {
        "by_client": {},
        "second_versions": [],
        "notice": None,
        "draft": None,
    }
    clients = [session.get(Client, cid) for cid in ctx.client_ids]
    signed = rises = 0
    contract_clients = [
        c
        for c in clients
        if c is not None and c.status in (ClientStatus.ACTIVE, ClientStatus.PAUSED)
    ]
    for i, client in enumerate(contract_clients):
        visits = rng.choice([1, 2, 2, 3, 3, 4, 5])
        schedule = _schedule(ctx, diary, visits, weekends=i % 3 == 0, evening=i % 4 == 1)
        if not schedule:
            continue
        standard = rng.choice(STANDARD_RATES)
        if client.dp_rate_pence:
            standard = max(standard, client.dp_rate_pence)
        if i % 3 == 0:  # these get a rate rise of £1 in April: stay within £17–£22
            standard = min(standard, 2100)
        d = new_contract_draft(session, client.id, today=today)
        d.starts_on = client.start_date or today - timedelta(days=200)
        d.services = sorted(rng.sample(SERVICES, rng.randint(2, 4)), key=SERVICES.index)
        d.services_text = rng.choice(
            [
                "",
                "Help to get ready for the day centre on visit days.",
                "A short walk to the shops when the weather allows.",
            ]
        )
        d.schedule = schedule
        d.every_n_weeks = 2 if i == 4 else 1
        d.standard_rate_pence = standard
        d.evening_rate_pence = standard + rng.choice([200, 250, 300])
        d.weekend_rate_pence = standard + 200
        d.bank_holiday_rate_pence = _round50(standard * 1.5)
        d.specialist_rate_pence = standard + 400 if i % 5 == 2 else None
        d.minimum_charge_pence = rng.choice([0, 1000, 1200, 1500])
        d.mileage_pence_per_mile = rng.choice([0, 40, 45, 45])
        d.late_cancel_hours = rng.choice([24, 24, 48])
        d.late_cancel_percent = rng.choice([50, 100])
        d.payment_method = (
            PaymentMethod.DIRECT_PAYMENT_CARD
            if client.dp_rate_pence
            else rng.choice(
                [PaymentMethod.BANK_TRANSFER, PaymentMethod.STANDING_ORDER, PaymentMethod.CHEQUE]
            )
        )
        d.invoice_frequency = rng.choice(
            [InvoiceFrequency.MONTHLY, InvoiceFrequency.FOUR_WEEKLY, InvoiceFrequency.FORTNIGHTLY]
        )
        d.payment_terms_days = rng.choice([7, 14, 14, 28])
        d.notice_days_client = rng.choice([7, 14, 14])
        d.notice_days_carer = 14
        v1 = draft_contract(session, d, today=today).value
        send_version(session, v1.id, sent_on=d.starts_on - timedelta(days=10))
        _plan_b(session, ctx, client, today)
        sign_version(
            session,
            v1.id,
            signed_on=min(d.starts_on - timedelta(days=3), today),
            how=rng.choice(HOW_SIGNED),
            today=today,
            render=_render,
        )
        signed += 1
        notes["by_client"][client.id] = v1.contract_id  # type: ignore[index]
        rise_on = date(today.year, 4, 1)
        if i % 3 == 0 and d.starts_on + timedelta(days=90) < rise_on <= today:
            v2 = new_version(session, v1.contract_id, starts_on=rise_on, today=today).value
            d2 = draft_from_version(v2)
            for name in ("standard_rate_pence", "evening_rate_pence", "weekend_rate_pence"):
                setattr(d2, name, getattr(d2, name) + 100)
            d2.bank_holiday_rate_pence = _round50(d2.standard_rate_pence * 1.5)
            update_version(session, v2.id, d2, today=today)
            sign_version(
                session,
                v2.id,
                signed_on=rise_on - timedelta(days=20),
                how="Letter about the new rate, signed and returned",
                today=today,
                render=_render,
            )
            notes["second_versions"].append(v1.contract_id)  # type: ignore[union-attr]
            rises += 1
    # Notice: the paused client (or the last one) has given notice.
    paused = [c for c in contract_clients if c.status == ClientStatus.PAUSED]
    target = (paused or contract_clients[-1:])[0] if contract_clients else None
    if target is not None and target.id in notes["by_client"]:  # type: ignore[operator]
        contract_id = notes["by_client"][target.id]  # type: ignore[index]
        last = give_notice(
            session, contract_id, by="client", given_on=today - timedelta(days=5), today=today
        ).value.last_day
        notes["notice"] = {"contract_id": contract_id, "last_day": last.isoformat()}
    # A draft for the enquiry.
    enquiry = next((c for c in clients if c is not None and c.status == ClientStatus.ENQUIRY), None)
    if enquiry is not None:
        d = new_contract_draft(session, enquiry.id, today=today)
        d.starts_on = today + timedelta(days=14)
        d.services = ["companionship", "shopping"]
        d.schedule = _schedule(ctx, diary, 1, weekends=False, evening=False) or [
            ScheduleSlot(2, time(13, 0), time(14, 0))
        ]
        d.standard_rate_pence = 2000
        d.evening_rate_pence = 2250
        d.weekend_rate_pence = 2200
        d.bank_holiday_rate_pence = 3000
        v = draft_contract(session, d, today=today).value
        notes["draft"] = v.contract_id
    ctx.notes["contracts"] = notes
    return (
        f"{signed} signed contracts ({rises} with a rate rise), 1 with notice given, "
        f"{1 if notes['draft'] else 0} draft"
    )


def _render(session: Session, version) -> bytes:  # type: ignore[no-untyped-def]
    from app.core.contracts.document import fresh_contract_pdf
    from app.documents.contract_pdf import render_contract_pdf

    return fresh_contract_pdf(session, version, render_contract_pdf)


def _plan_b(session: Session, ctx: DemoContext, client: Client, today: date) -> None:
    rng = ctx.rng
    family = client.emergency_contacts[0] if client.emergency_contacts else None
    if family is not None and family.phone:
        add_plan_b_contact(
            session,
            client.id,
            PlanBDraft(
                PlanBKind.ARRANGES_COVER,
                family.name,
                family.phone,
                notes=f"{family.relationship_to_client}; arranges cover if the carer is ill.",
                consent_to_share=True,
            ),
            today=client.start_date or today,
        )
    for name, phone in rng.sample(PROVIDERS, rng.randint(1, 2)):
        add_plan_b_contact(
            session,
            client.id,
            PlanBDraft(PlanBKind.PROVIDER, name, phone, consent_to_share=rng.random() < 0.7),
            today=client.start_date or today,
        )
