"""Writers for files people take out: CSV, XLSX, calendar files."""
