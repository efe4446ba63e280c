"""Ingest's own limits, which the settings above it take as defaults."""

#: Larger files are skipped: no plan is that long, and extraction would hold an ingest
#: for minutes. The CLI and the API pass their Settings' limit (PLANGRAPH_MAX_FILE_MB).
DEFAULT_MAX_FILE_MB = 64
DEFAULT_MAX_BYTES = DEFAULT_MAX_FILE_MB * 1024 * 1024
