"""Feedback: complaints, compliments and comments about the carer, with dated entries.

Importing the package loads nothing: app/core/area_modules.py names its modules."""
