"""Getting data in and out: demo data, export, import, reports."""
