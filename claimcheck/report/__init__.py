"""Reports: one module per output format; each turns FileReports into text."""
