"""Safeguarding panel and the "Record a concern" dialog."""
