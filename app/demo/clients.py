"""Demo business profile and a dozen clients with varied payers."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.core.clients import ClientDraft, ClientStatus, ContactDraft, PayerType, add_client
from app.core.profile import ProfileDraft, save_profile
from app.core.schemes import Scheme
from app.demo import DemoContext

PROFILE = ProfileDraft(
    trading_name="Helping Hands Home Care",
    carer_name="Sam Carter",
    address="12 Orchard Lane\nWellington\nSomerset\nTA21 8AB",
    phone="07700 900123",
    email="sam@helpinghands.example",
    bank_account_name="S Carter",
    sort_code="12-34-56",
    account_number="12345678",
    utr="1234567890",
    ni_number="AB123456C",
    scheme=Scheme.SOMERSET,
    safeguarding_phone="0300 123 2224",
)

# name, preferred, birth year, town, payer type, payer name, dp rate, status
CLIENTS = [
    (
        "Margaret Ellis",
        "Peggy",
        1938,
        "Wellington",
        PayerType.CLIENT,
        "",
        None,
        ClientStatus.ACTIVE,
    ),
    (
        "Arthur Penrose",
        "",
        1941,
        "Taunton",
        PayerType.FAMILY,
        "Linda Penrose",
        None,
        ClientStatus.ACTIVE,
    ),
    (
        "Dorothy Hughes",
        "Dot",
        1935,
        "Milverton",
        PayerType.DIRECT_PAYMENT,
        "Somerset Direct Payments Support (managed account)",
        1900,
        ClientStatus.ACTIVE,
    ),
    (
        "Reginald Okafor",
        "Reg",
        1946,
        "Wiveliscombe",
        PayerType.CLIENT,
        "",
        None,
        ClientStatus.ACTIVE,
    ),
    (
        "Siobhán Ní Bhriain",
        "",
        1952,
        "Wellington",
        PayerType.DIRECT_PAYMENT,
        "Taunton Deane Payroll & Managed Accounts",
        2000,
        ClientStatus.ACTIVE,
    ),
    (
        "George Whitfield",
        "",
        1939,
        "Bishops Lydeard",
        PayerType.FAMILY,
        "Paul Whitfield",
        None,
        ClientStatus.ACTIVE,
    ),
    (
        "Edith Marsh",
        "",
        1930,
        "Wellington",
        PayerType.COUNCIL,
        "Somerset Council Adult Social Care",
        1850,
        ClientStatus.ACTIVE,
    ),
    ("Harold Baines", "Harry", 1944, "Taunton", PayerType.CLIENT, "", None, ClientStatus.PAUSED),
    (
        "Priya Sharma",
        "",
        1958,
        "Norton Fitzwarren",
        PayerType.FAMILY,
        "Anil Sharma",
        None,
        ClientStatus.ACTIVE,
    ),
    (
        "Winifred Cole",
        "Winnie",
        1933,
        "Wellington",
        PayerType.DIRECT_PAYMENT,
        "Somerset Direct Payments Support (managed account)",
        1900,
        ClientStatus.ACTIVE,
    ),
    (
        "Thomas Braithwaite",
        "Tom",
        1949,
        "Milverton",
        PayerType.CLIENT,
        "",
        None,
        ClientStatus.ENQUIRY,
    ),
    (
        "Joan Fairweather",
        "",
        1928,
        "Wiveliscombe",
        PayerType.FAMILY,
        "Susan Fairweather",
        None,
        ClientStatus.ENDED,
    ),
]
STREETS = ["Mill Street", "Church Road", "High Street", "Station Road", "The Green", "Castle Close"]
RELATIONS = ["Daughter", "Son", "Niece", "Neighbour", "Husband", "Wife"]


def extend(session: Session, ctx: DemoContext) -> str:
    save_profile(session, PROFILE)
    rng = ctx.rng
    for i, (name, preferred, year, town, payer, payer_name, dp, status) in enumerate(CLIENTS):
        surname = name.split(" ", 1)[1]
        start = date(ctx.today.year - 1 - (i % 2), 1 + (i * 5) % 12, 1 + (i * 7) % 27)
        draft = ClientDraft(
            name=name,
            preferred_name=preferred,
            date_of_birth=date(year, 1 + i % 12, 1 + (i * 3) % 28),
            address=f"{rng.randint(1, 80)} {rng.choice(STREETS)}\n{town}\nSomerset",
            phone=f"01823 {rng.randint(100000, 999999)}",
            email="" if i % 3 else f"{surname.lower()}@example.org",
            payer_type=payer,
            payer_name=payer_name,
            payer_address=""
            if payer == PayerType.CLIENT
            else f"PO Box {rng.randint(10, 999)}\nTaunton\nTA1 1AA",
            payer_email="" if payer == PayerType.CLIENT else f"accounts{i}@example.org",
            dp_rate_pence=dp,
            care_notes="Demo notes: help with washing and dressing; prompts for morning tablets.",
            key_safe="Demo key safe by the back door, code given by family.",
            status=status,
            start_date=start,
            emergency_contacts=[
                ContactDraft(
                    f"{rng.choice(['Linda', 'Paul', 'Jo', 'Anil', 'Mary'])} {surname}",
                    rng.choice(RELATIONS),
                    f"07700 9{rng.randint(10000, 99999)}",
                )
            ],
        )
        ctx.client_ids.append(add_client(session, draft, today=ctx.today).id)
    return f"{len(CLIENTS)} clients"
