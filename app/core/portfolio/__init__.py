"""Portfolio: the carer's documents (DBS, insurance, training ...), their expiry, what was shared.

Registration only (see docs/CONVENTIONS.md): the tables, the Today reminders and the check.
"""

from app.core.portfolio import models, reminders  # noqa: F401
