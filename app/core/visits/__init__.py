"""Visits: planned from contract schedules, delivered, cancelled, one-offs."""

from app.core.visits import services  # noqa: F401,E402  (registers the Today provider)
from app.core.visits.models import STATUS_LABELS, Visit, VisitStatus  # noqa: F401
