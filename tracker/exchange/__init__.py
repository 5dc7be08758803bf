"""Data in and out of the tracker: JSON, CSV, iCalendar, dossiers."""
