"""The embedded store's durable record: one SQLite database (WAL mode) per data folder.

Why SQLite rather than files of our own: its locking lets several processes open one
folder (``plangraph serve`` keeps serving while ``plangraph ingest`` writes into the
same folder), its WAL makes each commit atomic and crash-safe, and a torn write is its
problem, not ours. The graph itself still lives in memory (``MemoryGraph``); this
module only keeps the history that rebuilds it.

Tables:

- ``changes(seq, record)``: one row per store commit, in commit order. ``record`` is the
  commit as ``marshal`` data (rows of tuples, strings and numbers: marshal writes them
  about twice as fast as pickle; its format is versioned and newer Pythons read older
  ones). ``seq`` is ``AUTOINCREMENT`` so it never goes back, not even after ``clear``:
  a process that has applied everything up to ``seq`` knows exactly what is new.
- ``snapshot(part, seq, data)``: the whole graph state at ``seq`` (a pickle, in parts
  below SQLite's blob limit). Opening loads it and replays the changes after it.
- ``meta(key, value)``: the format version and ``pruned_through``, the last ``seq``
  whose change row was deleted (a process behind it must reload from the snapshot).

Compaction writes a new snapshot and deletes the changes the *previous* snapshot
already held: a serving process that is one compaction behind still catches up by
replaying rows instead of reloading the whole graph.

Durability: ``synchronous=FULL``. In WAL mode ``NORMAL`` is safe against a process
crash but a power loss may roll back commits that were already reported done (the
WAL is not fsynced at commit); ``FULL`` costs one fsync per commit, the same price
the journal it replaced paid, and the store benchmark stays well within its target.

A folder that still holds the old journal format (``snapshot.bin``, ``journal.bin``)
is refused with a clear ``StoreError`` rather than opened empty beside it: silently
ignoring it would look like lost data. Re-ingest the documents into a new folder.
"""

from __future__ import annotations

import contextlib
import errno
import marshal
import pickle
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from graph.errors import StoreError, StoreUnavailableError

DATABASE_NAME = "plangraph.sqlite3"
#: Files of the journal format that this record replaced.
OLD_FORMAT_NAMES = ("snapshot.bin", "journal.bin")

FORMAT_VERSION = 1
_MARSHAL_VERSION = 4
#: Snapshot parts stay well below SQLite's default 1 GB limit on one value.
SNAPSHOT_PART_BYTES = 256 * 1024 * 1024
#: How long a writer waits for another process's commit (a compaction of a large graph
#: holds the write lock for a few seconds).
BUSY_TIMEOUT_S = 120.0

#: The changes are folded into a new snapshot once they outgrow this share of the
#: snapshot (and this floor), which bounds replay on open to about one snapshot load.
COMPACT_RATIO = 1.0
COMPACT_MIN_BYTES = 64 * 1024 * 1024


def wants_compaction(change_bytes: int, snapshot_bytes: int) -> bool:
    """Whether the changes since the snapshot have grown enough to fold them into it."""
    return change_bytes > max(COMPACT_MIN_BYTES, COMPACT_RATIO * snapshot_bytes)


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, record BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS snapshot (
    part INTEGER PRIMARY KEY, seq INTEGER NOT NULL, data BLOB NOT NULL
);
"""


@dataclass
class Loaded:
    """What a full load reads: the snapshot's state (if any), its seq, the changes after."""

    state: Any | None
    snapshot_seq: int
    snapshot_bytes: int
    changes: list[tuple[int, Any]]
    change_bytes: int


def _raise_store_error(exc: sqlite3.Error, what: str, data_dir: Path) -> NoReturn:
    """Raise the StoreError for an sqlite3 error; a full disk is raised from ``ENOSPC``.

    ``graph.errors.disk_full`` recognises a full disk by that OSError, which is what
    the API answers 507 to and the CLI says in one line.
    """
    code = getattr(exc, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL:
        full = OSError(errno.ENOSPC, "No space left on device")
        full.__cause__ = exc
        raise StoreError(f"cannot {what} in {data_dir}: {full}") from full
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        raise StoreError(f"corrupt store in {data_dir}: {exc}") from exc
    raise StoreError(f"cannot {what} in {data_dir}: {exc}") from exc


class SeqProbe:
    """A connection of its own that only asks for the seq of the last commit by anyone.

    One small row read: cheap enough to ask twice a second. A serving process's watcher
    thread uses it without the store's lock; crash tests watch a writer's progress with
    it (a compaction does not lower it).
    """

    def __init__(self, data_dir: Path) -> None:
        self._path = data_dir / DATABASE_NAME
        self._db: sqlite3.Connection | None = None

    def latest_seq(self) -> int:
        """0 while the database or its schema is not there yet."""
        try:
            if self._db is None:
                if not self._path.exists():
                    return 0
                self._db = sqlite3.connect(self._path, timeout=BUSY_TIMEOUT_S)
            row = self._db.execute(
                "SELECT seq FROM sqlite_sequence WHERE name = 'changes'"
            ).fetchone()
        except sqlite3.OperationalError:
            return 0
        return int(row[0]) if row else 0

    def close(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            db.close()


def changes_committed(data_dir: Path) -> int:
    """How many commits the record in ``data_dir`` holds, read from outside any store."""
    probe = SeqProbe(data_dir)
    try:
        return probe.latest_seq()
    finally:
        probe.close()


class SqliteRecord:
    """One connection to a data folder's database; the owner serialises calls to it."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        for name in OLD_FORMAT_NAMES:
            if (data_dir / name).exists():
                raise StoreError(
                    f"{data_dir} holds a store in the old journal format ({name}); this"
                    " plangraph keeps its data in SQLite and does not migrate it:"
                    " re-ingest the documents into a new data folder"
                )
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailableError(
                f"data directory {data_dir} cannot be created or written: {exc}"
            ) from exc
        self._db: sqlite3.Connection | None = None
        try:
            self._db = sqlite3.connect(
                data_dir / DATABASE_NAME,
                timeout=BUSY_TIMEOUT_S,
                isolation_level=None,  # transactions are begun and ended here, explicitly
                check_same_thread=False,  # the store's lock serialises every use
            )
            self._db.execute("PRAGMA page_size = 65536")  # big blobs: fewer overflow pages
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = FULL")
            self._db.execute("PRAGMA journal_size_limit = 67108864")
            if not self._has_schema():
                self._create_schema()
            version = self._meta("format")
        except sqlite3.Error as exc:
            self.close()
            if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_CANTOPEN:
                raise StoreUnavailableError(
                    f"data directory {data_dir} cannot be created or written: {exc}"
                ) from exc
            _raise_store_error(exc, "open the store", data_dir)
        except StoreError:
            self.close()
            raise
        if version != FORMAT_VERSION:
            self.close()
            raise StoreError(f"{data_dir} holds store format {version}, not {FORMAT_VERSION}")

    # -- plumbing --------------------------------------------------------------------------
    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            raise StoreError(f"store {self.data_dir} is closed")
        return self._db

    def _has_schema(self) -> bool:
        """Read without a write lock: opening a folder never waits for another's commit."""
        found = self._conn().execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
        )
        return found.fetchone() is not None

    def _create_schema(self) -> None:
        with self.writing():
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self._conn().execute(statement)
            self._conn().execute(
                "INSERT OR IGNORE INTO meta VALUES ('format', ?), ('pruned_through', 0)",
                (FORMAT_VERSION,),
            )

    def _meta(self, key: str) -> int:
        row = self._conn().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return int(row[0]) if row else 0

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """One write transaction: other processes' writers wait; all of it or none lands.

        ``BEGIN IMMEDIATE`` takes the write lock at the start, so what the caller reads
        inside (the changes it has not applied yet) is the last word until it commits.
        """
        db = self._conn()
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            _raise_store_error(exc, "start a commit", self.data_dir)
        try:
            yield
            db.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                _raise_store_error(exc, "commit", self.data_dir)
            raise

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """One read transaction (a consistent view), or the caller's write transaction."""
        db = self._conn()
        if db.in_transaction:
            yield db
            return
        try:
            db.execute("BEGIN")
            try:
                yield db
            finally:
                db.execute("COMMIT")
        except sqlite3.Error as exc:
            _raise_store_error(exc, "read the store", self.data_dir)

    # -- reading ---------------------------------------------------------------------------
    def load(self) -> Loaded:
        """The snapshot and every change after it, read in one consistent view."""
        with self._reading() as db:
            parts = db.execute("SELECT seq, length(data) FROM snapshot ORDER BY part").fetchall()
            snapshot_seq = parts[0][0] if parts else 0
            snapshot_bytes = sum(length for _, length in parts)
            state = self._read_snapshot(db, snapshot_bytes) if parts else None
            changes, change_bytes = self._read_changes(db, snapshot_seq)
        return Loaded(state, snapshot_seq, snapshot_bytes, changes, change_bytes)

    def _read_snapshot(self, db: sqlite3.Connection, size: int) -> Any:
        # Copied part by part into one buffer: the peak is the state plus one part more.
        buffer = bytearray(size)
        offset = 0
        for (data,) in db.execute("SELECT data FROM snapshot ORDER BY part"):
            buffer[offset : offset + len(data)] = data
            offset += len(data)
            del data
        try:
            return pickle.loads(buffer)
        except Exception as exc:
            raise StoreError(f"corrupt snapshot in {self.data_dir}: {exc!r}") from exc

    def _read_changes(
        self, db: sqlite3.Connection, after: int
    ) -> tuple[list[tuple[int, Any]], int]:
        changes: list[tuple[int, Any]] = []
        size = 0
        for seq, blob in db.execute(
            "SELECT seq, record FROM changes WHERE seq > ? ORDER BY seq", (after,)
        ):
            try:
                changes.append((seq, marshal.loads(blob)))
            except Exception as exc:
                raise StoreError(f"corrupt change {seq} in {self.data_dir}: {exc!r}") from exc
            size += len(blob)
        return changes, size

    def changes_since(self, seq: int) -> tuple[list[tuple[int, Any]], int] | None:
        """The changes after ``seq`` and their bytes; ``None`` once some were pruned away.

        ``None`` tells the caller to ``load`` everything again.
        """
        with self._reading() as db:
            pruned = db.execute("SELECT value FROM meta WHERE key = 'pruned_through'").fetchone()
            if pruned is not None and pruned[0] > seq:
                return None
            return self._read_changes(db, seq)

    # -- writing (inside ``writing()``) ----------------------------------------------------
    def append(self, record: Any) -> tuple[int, int]:
        """Add one commit's record; its seq and size. Durable once ``writing()`` ends."""
        blob = marshal.dumps(record, _MARSHAL_VERSION)
        cursor = self._conn().execute("INSERT INTO changes (record) VALUES (?)", (blob,))
        assert cursor.lastrowid is not None
        return cursor.lastrowid, len(blob)

    def write_snapshot(self, state: Any, seq: int) -> int:
        """Store ``state`` as of ``seq``; drop the changes the previous snapshot held."""
        db = self._conn()
        payload = pickle.dumps(state, protocol=5)
        view = memoryview(payload)
        previous = db.execute("SELECT seq FROM snapshot LIMIT 1").fetchone()
        db.execute("DELETE FROM snapshot")
        for part, start in enumerate(range(0, max(len(view), 1), SNAPSHOT_PART_BYTES)):
            db.execute(
                "INSERT INTO snapshot VALUES (?, ?, ?)",
                (part, seq, view[start : start + SNAPSHOT_PART_BYTES]),
            )
        if previous is not None:
            self._prune_through(previous[0])
        return len(payload)

    def clear(self) -> tuple[int, int]:
        """Forget everything: one ``("clear",)`` change is all that is left."""
        db = self._conn()
        db.execute("DELETE FROM snapshot")
        seq, size = self.append(("clear",))
        self._prune_through(seq - 1)
        return seq, size

    def _prune_through(self, seq: int) -> None:
        db = self._conn()
        db.execute("DELETE FROM changes WHERE seq <= ?", (seq,))
        db.execute("UPDATE meta SET value = max(value, ?) WHERE key = 'pruned_through'", (seq,))

    def disk_bytes(self) -> int:
        paths = (self.data_dir / (DATABASE_NAME + suffix) for suffix in ("", "-wal"))
        return sum(p.stat().st_size for p in paths if p.exists())

    def close(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            db.close()
