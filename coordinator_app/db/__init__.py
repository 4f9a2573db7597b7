"""Storage: the group file, its schema and migrations, locking. No Qt here."""
