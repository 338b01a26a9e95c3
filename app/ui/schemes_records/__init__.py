"""Screens for what the schemes ask (second part): working hours and free time, receipts,
timesheets."""
