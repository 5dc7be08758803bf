"""Data in and out of the tracker: JSON, CSV, iCalendar, dossiers.

Entry points for the command line and the TUI (none of them imports textual):

- ``export.export(tracker, fmt, stream)``, ``export.export_to_path(tracker, fmt, path)``
  and ``export.export_to_folder(tracker, fmt, folder=None) -> Path``;
- ``importer.import_file(tracker, path, dry_run=False, progress=None) -> ImportResult``;
- ``dossier.write_dossier(tracker, case, folder=None, redact=False) -> Path`` and
  ``dossier.dossier(tracker, case) -> str``.

Bad input raises :class:`tracker.domain.errors.InvalidInput` with a one-line message.
"""
