"""Imports every area's models so that Base.metadata is complete (migrations, tests)."""

from app.core import clients, profile, settings  # noqa: F401
from app.core.area_modules import import_area_modules

import_area_modules()
