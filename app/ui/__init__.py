"""PySide6 windows, panels and dialogs. Panels show what core services return."""

from app.ui.source_scan import stop_keeping_sources

stop_keeping_sources()  # before any panel or model is imported (see the module)
