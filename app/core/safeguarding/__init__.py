"""Safeguarding: factual records of a concern, final once saved, with dated addenda and a
hash chain that shows if anything was changed behind the app's back."""

from app.core.safeguarding import chain, services  # noqa: F401  (check and Today provider)
from app.core.safeguarding.models import (  # noqa: F401
    AddendumKind,
    Category,
    Consent,
    NotifiedKind,
    SafeguardingAddendum,
    SafeguardingRecord,
)
