"""Visits panel: week view, list, and the dialogs to record what happened."""
