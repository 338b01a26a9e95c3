"""Money: income, expenses, mileage, and the estimate of Income Tax and National Insurance.

Importing the package loads nothing (so that Today's plain reads need not load the ORM):
app/core/area_modules.py names the modules that register its tables, checks and Today provider.
"""
