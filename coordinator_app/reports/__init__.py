"""ReportLab documents with one shared look. No Qt."""
