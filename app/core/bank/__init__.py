"""Bank statements matched offline (registration only)."""

from app.core.bank import models as _models  # noqa: F401
