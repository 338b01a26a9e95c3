"""Portfolio panel, its export dialog, files view and share log."""
