"""Visits: planned from contract schedules, delivered, cancelled, one-offs.

Importing the package loads nothing (so that Today's plain reads need not load the ORM):
app/core/area_modules.py names the modules that register its tables, checks and Today provider.
"""
