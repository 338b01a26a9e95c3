"""Visits: planned from contract schedules, delivered, cancelled, one-offs.

Registration only (see docs/CONVENTIONS.md): the tables, the Today provider and the check.
"""

from app.core.visits import models, services  # noqa: F401
