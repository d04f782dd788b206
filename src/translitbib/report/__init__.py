"""Reports: ``report.json`` for programs, ``report.md`` for a person."""
