"""Where Daybook keeps things: the encrypted database, its key, migrations, backups."""
