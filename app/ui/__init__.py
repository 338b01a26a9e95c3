"""PySide6 windows, panels and dialogs. Panels show what core services return."""
