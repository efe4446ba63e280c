"""Text out of Word 97-2003 ``.doc`` and WPS ``.wps`` files, through Debian's antiword or catdoc.

Chinese government sites publish many plans as ``.doc`` and ``.wps`` (WPS Office writes
the same OLE container and Word 97 text stream), and no maintained Python library reads
them. antiword reads Word 97 text as Unicode; catdoc reads older and odder files. Each
is tried in turn (``scripts/install-doc-converters.sh`` installs both); without either,
such a file is skipped with a reason that says what to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import UnreadableDocument

#: Seconds a converter may take on one file before it is stopped.
CONVERTER_TIMEOUT_S = 120
NO_CONVERTER = "no .doc converter installed (antiword or catdoc)"


@dataclass(frozen=True)
class Converter:
    """A command that prints a Word file's text as UTF-8 on standard output."""

    program: str
    options: tuple[str, ...]

    def command(self, path: Path) -> list[str] | None:
        found = shutil.which(self.program)
        return None if found is None else [found, *self.options, str(path)]


#: Tried in this order. antiword: UTF-8 output, no line wrapping; catdoc: UTF-8, no wrap.
CONVERTERS = (
    Converter("antiword", ("-m", "UTF-8.txt", "-w", "0")),
    Converter("catdoc", ("-d", "utf-8", "-w")),
)


def word97_text(data: bytes) -> str:
    """The text of a ``.doc``/``.wps`` file's bytes; ``UnreadableDocument`` if none reads it."""
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="plangraph-doc-") as folder:
        path = Path(folder) / "document.doc"
        path.write_bytes(data)
        for converter in CONVERTERS:
            command = converter.command(path)
            if command is None:
                continue
            text, failure = _run(converter.program, command)
            failure = failure.replace(str(path), "the file")
            if text is not None:
                return text
            failures.append(failure)
    if not failures:
        raise UnreadableDocument(NO_CONVERTER)
    raise UnreadableDocument(f"unreadable .doc: {'; '.join(failures)}")


def _run(program: str, command: list[str]) -> tuple[str | None, str]:
    """The converter's text, or ``None`` and why it gave none."""
    try:
        done = subprocess.run(
            command, capture_output=True, timeout=CONVERTER_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        return None, f"{program} took over {CONVERTER_TIMEOUT_S} s"
    except OSError as exc:
        return None, f"{program} could not run ({exc.strerror or exc})"
    text = done.stdout.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return None, f"{program}: {said[0] if said else f'exit {done.returncode}'}"
    if not text.strip():
        return None, f"{program}: no text"
    return text, ""
