"""Final records (issued invoices, credit notes, signed contract versions) are guarded by
database triggers and sealed in a hash chain that `daybook check` verifies."""

from app.core.sealing import checks  # noqa: F401  (registers the checks)
from app.core.sealing.models import ErasedRecord, RecordSeal  # noqa: F401
