"""Contracts: the written agreement with each client, versioned once signed (registration only:
the tables, the Today provider and the check)."""

from app.core.contracts import due_and_checks  # noqa: F401  (registers Today and the check)
from app.core.contracts import models as _models  # noqa: F401
