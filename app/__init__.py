"""Daybook: the business side of self-employed home care."""

__version__ = "0.1.0"
