"""A busy carer's ten years, built in seconds: the 1-year demo (the current day as Today
shows it: contracts, rotas, drafts, overdue invoices, safeguarding) plus nine more years of
history written with bulk inserts through the models: about 25 clients over time, 100,000
visits, 5,000 invoices (paid, with their lines), 2,000 expenses, 40 portfolio documents and
50 safeguarding records (through the service, so the seal chain stays whole).

`ten_year_folder(folder)` builds it once and reuses it (a marker file says it is complete);
`python -m tests.benchmarks.tenyears FOLDER` builds one from a shell.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select, update

from app.core.clients import Client, ClientStatus
from app.core.formatting import LONDON, today_london
from app.core.invoicing.models import (
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    LineKind,
    Payment,
    PaymentAllocation,
)
from app.core.money.models import Expense, ExpenseCategory
from app.core.portfolio.models import DocType, PortfolioDocument
from app.core.safeguarding.models import Category, Consent
from app.core.safeguarding.services import ConcernDraft, create_record
from app.core.visits.models import Visit, VisitStatus
from app.storage.keys import DatabaseKey, KeySource
from app.storage.opening import open_store

BENCH_KEY = "benchmark-startup-key"  # the same as tests/benchmarks/test_startup.py
KEY = DatabaseKey(BENCH_KEY, KeySource.ENVIRONMENT)
DONE = ".ten-years-complete"

CLIENTS = 25
VISITS = 100_000
INVOICES = 5_000
EXPENSES = 2_000
DOCUMENTS = 40
SAFEGUARDING = 50
FIRST = ["Alice", "Bernard", "Cora", "Dennis", "Edna", "Frank", "Gladys", "Harold", "Irene"]
LAST = ["Ashby", "Brook", "Cole", "Dunn", "Eaves", "Ford", "Grant", "Hale", "Irwin", "Jukes"]


def _london(day: date, hour: int, minute: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON).astimezone(UTC)


def _chunks(rows: list[dict[str, object]], size: int = 5000):  # type: ignore[no-untyped-def]
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def add_history(session, today: date, rng: random.Random) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Nine years before the demo's year, in bulk. Returns what was added."""
    start = today - timedelta(days=3650)
    history_end = today - timedelta(days=400)  # the demo's own year stays as the demo made it
    have = session.scalar(select(func.count()).select_from(Client)) or 0
    old_clients = []
    for i in range(CLIENTS - have):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i * 3) % len(LAST)]}"
        old_clients.append(
            {
                "name": name,
                "address": f"{10 + i} Mill Lane, Taunton",
                "status": ClientStatus.ENDED,
                "start_date": start + timedelta(days=i * 120),
                "search_key": name.lower(),
            }
        )
    session.execute(insert(Client), old_clients)
    ids = list(session.scalars(select(Client.id).order_by(Client.id)))
    old_ids = ids[have:]
    span = (history_end - start).days

    # visits: ~100,000 in all, 2-4 a day spread over the clients active at the time
    existing = session.scalar(select(func.count()).select_from(Visit)) or 0
    visits: list[dict[str, object]] = []
    per_day = (VISITS - existing) / span
    day = start
    while day < history_end and len(visits) < VISITS - existing:
        n = int(per_day) + (1 if rng.random() < per_day - int(per_day) else 0)
        for k in range(n):
            cid = old_ids[((day - start).days // 200 + k) % len(old_ids)]
            hour = 7 + (k * 14 // max(n, 1))
            s = _london(day, hour, 0)
            e = s + timedelta(minutes=45 + 15 * (k % 3))
            roll = rng.random()
            status = (
                VisitStatus.DELIVERED
                if roll < 0.95
                else VisitStatus.CANCELLED_BY_CLIENT
                if roll < 0.98
                else VisitStatus.CANCELLED_BY_CARER
            )
            visits.append(
                {
                    "client_id": cid,
                    "planned_start": s,
                    "planned_end": e,
                    "actual_start": s if status == VisitStatus.DELIVERED else None,
                    "actual_end": e if status == VisitStatus.DELIVERED else None,
                    "status": status,
                    "miles_tenths": rng.randint(0, 80),
                    "note": "",
                }
            )
        day += timedelta(days=1)
    for chunk in _chunks(visits):
        session.execute(insert(Visit), chunk)

    # invoices: monthly per client, issued and paid in full, ~8 lines each
    existing_inv = session.scalar(select(func.count()).select_from(Invoice)) or 0
    want = INVOICES - existing_inv
    first_id = (session.scalar(select(func.max(Invoice.id))) or 0) + 1
    invoices, lines, payments, allocs = [], [], [], []
    for n in range(want):
        iid = first_id + n
        cid = old_ids[n % len(old_ids)]
        period_start = start + timedelta(days=(n * span) // want)
        period_end = period_start + timedelta(days=27)
        issue = period_end + timedelta(days=1)
        amounts = [rng.choice((2000, 2500, 3000, 3750)) for _ in range(8)]
        invoices.append(
            {
                "id": iid,
                "number": f"H{iid:06d}",
                "client_id": cid,
                "status": InvoiceStatus.DRAFT,  # paid below, once its lines are in
                "period_start": period_start,
                "period_end": period_end,
                "payer_name": "Payer",
                "issue_date": issue,
                "due_date": issue + timedelta(days=14),
                "payment_terms_days": 14,
                "total_pence": sum(amounts),
                "issued_at": _london(issue, 9, 0),
            }
        )
        for pos, amount in enumerate(amounts):
            d = period_start + timedelta(days=pos * 3)
            lines.append(
                {
                    "invoice_id": iid,
                    "kind": LineKind.VISIT,
                    "description": "Standard",
                    "line_date": d,
                    "minutes": 60,
                    "rate_pence": amount,
                    "amount_pence": amount,
                    "position": pos,
                }
            )
        payments.append(
            {
                "id": iid,
                "received_on": issue + timedelta(days=10),
                "amount_pence": sum(amounts),
                "client_id": cid,
            }
        )
        allocs.append({"payment_id": iid, "invoice_id": iid, "amount_pence": sum(amounts)})
    max_pay = session.scalar(select(func.max(Payment.id))) or 0
    offset = max(0, max_pay + 1 - first_id)
    for p in payments:
        p["id"] = int(p["id"]) + offset  # type: ignore[call-overload]
    for a in allocs:
        a["payment_id"] = int(a["payment_id"]) + offset  # type: ignore[call-overload]
    for model, rows in ((Invoice, invoices), (InvoiceLine, lines), (Payment, payments)):
        for chunk in _chunks(rows):
            session.execute(insert(model), chunk)
    for chunk in _chunks(allocs):
        session.execute(insert(PaymentAllocation), chunk)
    # the database refuses lines on an issued invoice, so the status follows them
    session.execute(update(Invoice).where(Invoice.id >= first_id).values(status=InvoiceStatus.PAID))

    existing_exp = session.scalar(select(func.count()).select_from(Expense)) or 0
    cats = list(ExpenseCategory)
    expenses = [
        {
            "spent_on": start + timedelta(days=(i * span) // EXPENSES),
            "supplier": rng.choice(("Boots", "Tesco", "Shell", "Amazon", "Screwfix")),
            "category": cats[i % len(cats)],
            "description": "",
            "amount_pence": rng.randint(199, 12000),
        }
        for i in range(EXPENSES - existing_exp)
    ]
    session.execute(insert(Expense), expenses)

    existing_docs = session.scalar(select(func.count()).select_from(PortfolioDocument)) or 0
    docs = [
        {
            "doc_type": DocType.TRAINING,
            "title": f"Training certificate {i + 1}",
            "issuer": "Somerset Care Training",
            "issue_date": start + timedelta(days=i * 80),
            "expiry_date": start + timedelta(days=i * 80 + 1095),
            "in_default_set": False,
        }
        for i in range(DOCUMENTS - existing_docs)
    ]
    session.execute(insert(PortfolioDocument), docs)
    session.flush()

    # safeguarding through the service: the records are sealed in a chain
    from app.core.safeguarding.models import SafeguardingRecord

    existing_sg = session.scalar(select(func.count()).select_from(SafeguardingRecord)) or 0
    for i in range(SAFEGUARDING - existing_sg):
        when = _london(start + timedelta(days=i * 60), 10, 30)
        create_record(
            session,
            ConcernDraft(
                client_id=old_ids[i % len(old_ids)],
                happened_at=when,
                place="At the client's home during the morning visit.",
                present="The client and me.",
                categories=[Category.PHYSICAL],
                consent=Consent.YES,
                seen_heard="A benchmark record: what was seen and heard, in the carer's words.",
                actions_taken="Told the duty team by phone the same morning.",
            ),
            now=when + timedelta(hours=2),
        )
    from app.core.sealing.seals import seal_unsealed

    seal_unsealed(session)  # issued invoices are sealed, as Daybook seals them when issuing
    return {
        "clients": len(old_clients),
        "visits": len(visits),
        "invoices": len(invoices),
        "expenses": len(expenses),
        "documents": len(docs),
        "safeguarding": max(0, SAFEGUARDING - existing_sg),
    }


def ten_year_folder(folder: Path, *, today: date | None = None) -> Path:
    """The 10-year data folder at `folder`, built once (a later call reuses it)."""
    if (folder / DONE).exists():
        return folder
    if folder.exists():
        import shutil

        shutil.rmtree(folder)  # a half-built one from a killed run
    folder.mkdir(parents=True)
    from app.demo import build_demo

    day = today or today_london()
    store = open_store(folder, KEY)
    try:
        build_demo(store, seed=2026, years=1, today=day)
        with store.unit_of_work() as session:
            add_history(session, day, random.Random(10))
    finally:
        store.close()
    (folder / DONE).write_text("ok\n")
    return folder


def counts(folder: Path) -> dict[str, int]:
    from app.core.safeguarding.models import SafeguardingRecord

    store = open_store(folder, KEY)
    try:
        with store.reading() as s:
            return {
                m.__tablename__: s.scalar(select(func.count()).select_from(m)) or 0
                for m in (
                    Client,
                    Visit,
                    Invoice,
                    InvoiceLine,
                    Expense,
                    PortfolioDocument,
                    SafeguardingRecord,
                )
            }
    finally:
        store.close()


def hundred_mb_folder(folder: Path, ten_years: Path, *, size_mb: int = 100) -> Path:
    """The ten years plus scanned receipts until the database is about `size_mb` MB."""
    if (folder / DONE).exists():
        return folder
    import os
    import shutil

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name in ("daybook.db", "daybook.recovery.json", "config.json"):
        if (ten_years / name).exists():
            shutil.copy2(ten_years / name, folder / name)
    store = open_store(folder, KEY)
    try:
        rng = random.Random(100)
        while (folder / "daybook.db").stat().st_size < size_mb * 1_000_000:
            with store.unit_of_work() as s:
                ids = list(
                    s.scalars(
                        select(Expense.id).where(Expense.receipt_size == 0).order_by(Expense.id)
                    ).all()[:20]
                )
                for eid in ids:
                    photo = os.urandom(250_000 + rng.randint(0, 100_000))  # a receipt photo
                    e = s.get(Expense, eid)
                    assert e is not None
                    e.receipt_data, e.receipt_size = photo, len(photo)
                    e.receipt_filename, e.receipt_mime = "receipt.jpg", "image/jpeg"
            store.checkpoint()
    finally:
        store.close()
    (folder / DONE).write_text("ok\n")
    return folder


if __name__ == "__main__":
    target = Path(sys.argv[1])
    t0 = time.perf_counter()
    ten_year_folder(target)
    print(f"built in {time.perf_counter() - t0:.1f} s: {counts(target)}")
