"""Subject access, retention and erasure, the ICO fee (registration only)."""

from app.core.privacy import models as _models  # noqa: F401
from app.core.privacy import today as _today  # noqa: F401  (Today reminders)
