"""Crash-safe persistence for the embedded store: a snapshot plus a journal of commits.

A commit is one journal record, appended and fsynced before the commit returns. Each
record is framed as ``length | crc32 | payload`` so that a write cut short by a crash (a
torn tail) is recognised on open and dropped; everything before it is replayed.

Journal payloads are ``marshal`` data: records are rows of tuples, strings and numbers,
which marshal writes about twice as fast as pickle, sharing repeated objects the same
way. Its format is versioned (``marshal.version``, recorded in the journal header) and
newer Pythons read older versions; the journal only lives until the next compaction.
The snapshot is a pickle (protocol 5): it holds dict subclasses and sets.

Compaction writes the whole state as a new snapshot (temp file, fsync, rename, fsync
of the folder), then starts a new journal the same way. Snapshot and journal carry a
generation number: a journal older than the snapshot was already folded into it (the
crash fell between the two renames) and is ignored, so replay never applies a record
twice.

One process at a time owns a data folder (``flock`` on ``LOCK``): two writers would
each append their own history to one journal.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import marshal
import os
import pickle
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from graph.errors import StoreError, StoreUnavailableError

log = logging.getLogger(__name__)

SNAPSHOT_NAME = "snapshot.bin"
JOURNAL_NAME = "journal.bin"
LOCK_NAME = "LOCK"

_SNAPSHOT_MAGIC = b"PGSNAP1\n"
_JOURNAL_MAGIC = b"PGJRNL2\n"
#: generation, payload length, payload crc32
_SNAPSHOT_HEADER = struct.Struct(">QQI")
#: generation, marshal version
_JOURNAL_HEADER = struct.Struct(">QI")
#: payload length, payload crc32
_RECORD_HEADER = struct.Struct(">QI")

_MARSHAL_VERSION = 4

#: The journal is folded into a new snapshot once it outgrows this share of the snapshot
#: (and this floor), which bounds replay time on open to about one snapshot load.
COMPACT_RATIO = 1.0
COMPACT_MIN_BYTES = 64 * 1024 * 1024


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomically(path: Path, chunks: list[bytes]) -> None:
    """Replace ``path`` with ``chunks`` so that a crash leaves the old or the new file."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        with open(tmp, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def _dumps_snapshot(obj: Any) -> bytes:
    return pickle.dumps(obj, protocol=5)


def _dumps_record(obj: Any) -> bytes:
    return marshal.dumps(obj, _MARSHAL_VERSION)


JOURNAL_HEAD = len(_JOURNAL_MAGIC) + _JOURNAL_HEADER.size


def framed_records(data: bytes, offset: int = JOURNAL_HEAD) -> Iterator[tuple[memoryview, int]]:
    """Each complete record's payload and the offset just past it, stopping at a torn tail.

    The one reader of the journal's framing (length, CRC32, payload): the store replays
    through it, and tests that count committed records use it too.
    """
    view = memoryview(data)
    while offset + _RECORD_HEADER.size <= len(data):
        length, crc = _RECORD_HEADER.unpack_from(data, offset)
        start = offset + _RECORD_HEADER.size
        payload = view[start : start + length]
        if len(payload) != length or zlib.crc32(payload) != crc:
            return
        offset = start + length
        yield payload, offset


class DiskLog:
    """The files of one data folder: who owns it, the snapshot and the journal."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            self._lock_file: IO[bytes] | None = open(data_dir / LOCK_NAME, "ab")  # noqa: SIM115
        except OSError as exc:
            raise StoreUnavailableError(
                f"data directory {data_dir} cannot be created or written: {exc}"
            ) from exc
        try:
            fcntl.flock(self._lock_file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            self._lock_file.close()
            self._lock_file = None
            raise StoreUnavailableError(
                f"data directory {data_dir} is in use by another process (or store);"
                " stop that process, or add documents through the running server"
                " (POST /api/v1/documents)"
            ) from exc
        self._snapshot_path = data_dir / SNAPSHOT_NAME
        self._journal_path = data_dir / JOURNAL_NAME
        self._journal: IO[bytes] | None = None
        self.generation = 0
        self.snapshot_bytes = 0
        self.journal_records = 0
        self._journal_end = 0

    # -- opening -------------------------------------------------------------------------
    def load(self) -> tuple[Any | None, list[Any]]:
        """Read the snapshot (``None`` for a new folder) and the committed journal records."""
        try:
            snapshot = self._read_snapshot()
            records = self._read_journal()
        except OSError as exc:
            self.close()
            raise StoreUnavailableError(f"cannot read {self.data_dir}: {exc}") from exc
        except StoreError:
            self.close()
            raise
        return snapshot, records

    def _read_snapshot(self) -> Any | None:
        if not self._snapshot_path.exists():
            return None
        data = self._snapshot_path.read_bytes()
        head = len(_SNAPSHOT_MAGIC) + _SNAPSHOT_HEADER.size
        if len(data) < head or not data.startswith(_SNAPSHOT_MAGIC):
            raise StoreError(f"corrupt snapshot {self._snapshot_path}: bad header")
        generation, length, crc = _SNAPSHOT_HEADER.unpack_from(data, len(_SNAPSHOT_MAGIC))
        payload = memoryview(data)[head:]
        if len(payload) != length or zlib.crc32(payload) != crc:
            raise StoreError(f"corrupt snapshot {self._snapshot_path}: checksum mismatch")
        try:
            state = pickle.loads(payload)
        except Exception as exc:
            raise StoreError(f"corrupt snapshot {self._snapshot_path}: {exc}") from exc
        self.generation = generation
        self.snapshot_bytes = len(data)
        return state

    def _read_journal(self) -> list[Any]:
        if not self._journal_path.exists():
            self._start_journal()
            return []
        data = self._journal_path.read_bytes()
        head = JOURNAL_HEAD
        if len(data) < head or not data.startswith(_JOURNAL_MAGIC):
            raise StoreError(f"corrupt journal {self._journal_path}: bad header")
        generation, marshal_version = _JOURNAL_HEADER.unpack_from(data, len(_JOURNAL_MAGIC))
        if marshal_version > marshal.version:
            raise StoreError(
                f"journal {self._journal_path} was written by a newer Python "
                f"(marshal version {marshal_version})"
            )
        if generation < self.generation:
            log.info("journal generation %d already folded into the snapshot", generation)
            self._start_journal()
            return []
        if generation > self.generation:
            raise StoreError(
                f"journal {self._journal_path} is newer than the snapshot: snapshot missing?"
            )
        records: list[Any] = []
        offset = head
        for payload, end in framed_records(data, head):
            try:
                records.append(marshal.loads(payload))
            except Exception:
                break
            offset = end
        if offset != len(data):
            log.warning(
                "dropping %d bytes of torn journal tail in %s", len(data) - offset, self.data_dir
            )
            with open(self._journal_path, "r+b") as f:
                f.truncate(offset)
                f.flush()
                os.fsync(f.fileno())
        self._journal = open(self._journal_path, "ab")  # noqa: SIM115
        self._journal_end = offset
        self.journal_records = len(records)
        return records

    def _start_journal(self) -> None:
        header = _JOURNAL_MAGIC + _JOURNAL_HEADER.pack(self.generation, _MARSHAL_VERSION)
        _write_atomically(self._journal_path, [header])
        if self._journal is not None:
            self._journal.close()
        self._journal = open(self._journal_path, "ab")  # noqa: SIM115
        self._journal_end = len(header)
        self.journal_records = 0

    # -- writing -------------------------------------------------------------------------
    def append(self, record: Any) -> None:
        """Make ``record`` durable; on failure the journal is as it was and StoreError rises."""
        if self._journal is None:
            raise StoreError("store is closed")
        payload = _dumps_record(record)
        frame = _RECORD_HEADER.pack(len(payload), zlib.crc32(payload))
        try:
            self._journal.write(frame)
            self._journal.write(payload)
            self._journal.flush()
            os.fsync(self._journal.fileno())
        except OSError as exc:
            self._rewind()
            raise StoreError(f"cannot write the journal in {self.data_dir}: {exc}") from exc
        self._journal_end += len(frame) + len(payload)
        self.journal_records += 1

    def _rewind(self) -> None:
        """Cut a half-written record so that later records are not hidden behind it."""
        assert self._journal is not None
        with contextlib.suppress(OSError):
            self._journal.truncate(self._journal_end)
            self._journal.seek(self._journal_end)

    def wants_compaction(self) -> bool:
        journal_bytes = self._journal_end
        return journal_bytes > max(COMPACT_MIN_BYTES, COMPACT_RATIO * self.snapshot_bytes)

    def write_snapshot(self, state: Any) -> None:
        """Fold everything into a new snapshot and start an empty journal after it."""
        payload = _dumps_snapshot(state)
        generation = self.generation + 1
        header = _SNAPSHOT_MAGIC + _SNAPSHOT_HEADER.pack(
            generation, len(payload), zlib.crc32(payload)
        )
        try:
            _write_atomically(self._snapshot_path, [header, payload])
            self.generation = generation
            self.snapshot_bytes = len(header) + len(payload)
            self._start_journal()
        except OSError as exc:
            raise StoreError(f"cannot write a snapshot in {self.data_dir}: {exc}") from exc

    def disk_bytes(self) -> int:
        return sum(
            p.stat().st_size for p in (self._snapshot_path, self._journal_path) if p.exists()
        )

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        if self._lock_file is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._lock_file.fileno(), fcntl.LOCK_UN)
            self._lock_file.close()
            self._lock_file = None
