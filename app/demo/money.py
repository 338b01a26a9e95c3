"""Demo money records: a year of a carer's expenses (some with receipt photos made here with
Pillow), shopping-trip mileage, hours worked at home, a little other business income, and a
part-time job in the tax settings."""

from __future__ import annotations

import io
from datetime import date, timedelta

from sqlalchemy.orm import Session

from app.core.formatting import format_date, format_money
from app.core.money.common import first_year
from app.core.money.expenses import ExpenseDraft, Receipt, add_expense
from app.core.money.income import OtherIncomeDraft, add_other_income
from app.core.money.mileage import JourneyDraft, add_journey
from app.core.money.models import AllowanceChoice, ExpenseCategory
from app.core.money.tax_settings import TaxSettingsDraft, save_tax_settings
from app.core.money.tax_year import TaxYear
from app.core.money.use_of_home import set_use_of_home
from app.demo import DemoContext

SHOPS = [
    ("Tesco Extra, Taunton", 7.5),
    ("Co-op, Wellington", 2.5),
    ("Boots, Taunton", 8.0),
    ("Lloyds Pharmacy, Wellington", 1.5),
    ("Sainsbury's, Taunton", 9.0),
]


def receipt_png(supplier: str, when: date, amount_pence: int) -> bytes:
    """A small till-receipt picture, so the demo has real images to preview."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (240, 300), "white")
    draw = ImageDraw.Draw(img)
    y = 14
    for line in (
        supplier[:30],
        format_date(when),
        "-" * 30,
        "Goods",
        "",
        f"TOTAL  {format_money(amount_pence).replace('£', 'GBP ')}",
        "",
        "Thank you",
    ):
        draw.text((14, y), line, fill="black")
        y += 22
    draw.rectangle((4, 4, 235, 295), outline="grey")
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def _months(start: date, end: date) -> list[date]:
    out, d = [], date(start.year, start.month, 1)
    while d <= end:
        out.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out


def extend(session: Session, ctx: DemoContext) -> str:
    rng, today = ctx.rng, ctx.today
    start = max(today - timedelta(days=365 * ctx.years), first_year().start)
    counts = {"expenses": 0, "receipts": 0, "journeys": 0}

    def expense(
        when: date,
        supplier: str,
        cat: ExpenseCategory,
        pence: int,
        text: str = "",
        receipt: bool = False,
    ) -> None:
        if not start <= when <= today:
            return
        r = (
            Receipt(f"receipt-{when:%Y%m%d}.png", receipt_png(supplier, when, pence))
            if receipt
            else None
        )
        add_expense(session, ExpenseDraft(when, supplier, cat, text, pence, r), today=today)
        counts["expenses"] += 1
        counts["receipts"] += bool(r)

    months = _months(start, today)
    for i, m in enumerate(months):
        day = lambda d, m=m: date(m.year, m.month, min(d, 28))  # noqa: E731
        expense(
            day(3),
            "Medisupplies Direct",
            ExpenseCategory.CLOTHING,
            rng.randint(1150, 1890),
            "Nitrile gloves and aprons",
            receipt=i < 3,
        )
        expense(
            day(12), "Tesco Mobile", ExpenseCategory.OFFICE, 1400, "Phone contract (business share)"
        )
        if m.month == 5:
            expense(
                day(20),
                "Simply Business",
                ExpenseCategory.PREMISES_INSURANCE,
                9540,
                "Public liability insurance, one year",
                receipt=True,
            )
        if m.month == 9:
            expense(
                day(9),
                "DBS Update Service",
                ExpenseCategory.PROFESSIONAL,
                1600,
                "Annual subscription",
            )
        if m.month == 10:
            expense(
                day(15),
                "St John Ambulance",
                ExpenseCategory.PROFESSIONAL,
                6500,
                "First aid refresher course",
                receipt=True,
            )
        if m.month == 2:
            expense(
                day(7),
                "Somerset Care Training",
                ExpenseCategory.PROFESSIONAL,
                4500,
                "Moving and handling update",
            )
        if m.month == 6:
            expense(day(2), "Uniform Express", ExpenseCategory.CLOTHING, 3800, "Two tunics")
        if i % 4 == 1:
            expense(
                day(18),
                "WH Smith",
                ExpenseCategory.OFFICE,
                rng.randint(300, 900),
                "Notebooks and envelopes",
            )
        if i % 3 == 0:
            expense(
                day(22),
                "NCP Taunton",
                ExpenseCategory.CAR_TRAVEL,
                rng.randint(250, 600),
                "Parking at the hospital with a client",
            )
        hours = rng.randint(22, 60)
        set_use_of_home(session, m.year, m.month, hours)

    clients = ctx.client_ids[:6]
    d = start
    while d <= today:
        if d.weekday() in (1, 4) and clients:
            shop, one_way = SHOPS[rng.randrange(len(SHOPS))]
            client = clients[rng.randrange(len(clients))]
            miles = int(round(one_way * 2 * 10)) + rng.randint(0, 12)
            add_journey(
                session,
                JourneyDraft(
                    d,
                    "Client's home",
                    shop,
                    "Shopping and prescriptions for a client",
                    miles,
                    client,
                ),
                today=today,
            )
            counts["journeys"] += 1
        d += timedelta(days=1)

    for k in range(3):
        when = today - timedelta(days=40 + 95 * k)
        if when >= start:
            add_other_income(
                session,
                OtherIncomeDraft(
                    when, "Cash for an extra sitting visit", rng.choice([3600, 4000, 4500])
                ),
                today=today,
            )
    current = TaxYear.of(today)
    for y in (current.previous(), current):
        if y >= first_year():
            save_tax_settings(
                session,
                y,
                TaxSettingsDraft(
                    allowance_choice=AllowanceChoice.AUTO,
                    other_income_pence=6_240_00,
                    other_income_taxed_at_source=True,
                    first_year_of_trading=False,
                ),
            )
    return (
        f"{counts['expenses']} expenses ({counts['receipts']} with receipts), "
        f"{counts['journeys']} journeys"
    )
