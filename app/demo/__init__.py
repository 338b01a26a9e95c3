"""A realistic demo dataset, the same every time for the same seed and day.

The foundation writes the business profile and clients; each area adds its part in a
module of its own listed in DEMO_STEPS, with `extend(session, ctx) -> str` (a summary).
"""

from __future__ import annotations

import importlib
import random
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from app.core.formatting import today_london

if TYPE_CHECKING:
    from app.storage.database import Store

DEMO_STEPS = (
    "app.demo.clients",
    "app.demo.contracts",
    "app.demo.visits",
    "app.demo.invoicing",
    "app.demo.money",
    "app.demo.portfolio",
    "app.demo.safeguarding",
    "app.demo.schemes_records",
    "app.demo.feedback",
)


@dataclass
class DemoContext:
    rng: random.Random
    today: date
    years: int
    client_ids: list[int] = field(default_factory=list)
    notes: dict[str, object] = field(default_factory=dict)  # for later steps to share facts


class FolderNotEmpty(Exception):
    pass


def build_demo(store: Store, *, seed: int = 2026, years: int = 1, today: date | None = None) -> str:
    from app.core.errors import DaybookError
    from app.core.profile import get_profile

    with store.reading() as session:
        if get_profile(session) is not None:
            raise DaybookError(
                "this data folder already has a business in it; use an empty folder for the demo"
            )
    from app.demo.restart import mark_finished, mark_started

    mark_started(store.data_dir)
    ctx = DemoContext(rng=random.Random(seed), today=today or today_london(), years=years)
    summaries = []
    for name in DEMO_STEPS:
        module = importlib.import_module(name)
        with store.unit_of_work() as session:
            summaries.append(module.extend(session, ctx))
    mark_finished(store.data_dir)
    return "; ".join(s for s in summaries if s)
