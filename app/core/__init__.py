"""Domain models, rules and services. Never imports Qt or ReportLab."""
