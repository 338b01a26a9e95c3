"""Safeguarding: factual records of a concern, final once saved, with dated addenda and a
hash chain that shows if anything was changed behind the app's back.

Importing the package loads nothing (so that Today's plain reads need not load the ORM):
app/core/area_modules.py names the modules that register its tables, checks and Today provider.
"""
