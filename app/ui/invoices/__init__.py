"""Invoices: list, detail, drafts, issuing, payments, credit notes, what is owed."""
