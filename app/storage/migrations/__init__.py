"""Alembic migrations. HEAD names the newest revision so start-up can skip Alembic when current."""

HEAD = "0015"
