"""Safeguarding: factual records of a concern, final once saved, with dated addenda and a
hash chain that shows if anything was changed behind the app's back.

Registration only (see docs/CONVENTIONS.md): the tables, the check and the Today provider.
"""

from app.core.safeguarding import chain, models, services  # noqa: F401
