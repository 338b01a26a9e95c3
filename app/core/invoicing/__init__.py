"""Invoicing: invoices from delivered visits, payments, credit notes, what is owed.

Importing the package loads nothing: app/core/area_modules.py names the modules that register
the tables, the Today provider, the visit guard and the check."""
