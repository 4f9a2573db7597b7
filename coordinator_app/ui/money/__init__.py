"""The Money page's parts: the register with keyboard entry, the statement import wizard, reconciliation,
funds and grants, and the year end. Each reads and changes the books only through services.money."""
