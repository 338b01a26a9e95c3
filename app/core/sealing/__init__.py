"""Final records (issued invoices, credit notes, signed contract versions) are guarded by
database triggers and sealed in a hash chain that `daybook check` verifies.

Importing the package loads nothing (so that Today's plain reads need not load the ORM):
app/core/area_modules.py names the modules that register its tables, checks and Today provider.
"""
