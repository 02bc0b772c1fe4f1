"""Writing a file atomically, with no map library imported (the run report uses it too)."""

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """A temporary path in path's directory to write, renamed over path when the block ends without an
    error (and deleted when it ends with one).

    A temporary directory rather than a file: GeoPackage writers refuse an existing empty file and leave
    journal files beside the database; all of that goes away with the directory.
    """
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=f".{path.name}.") as tmp:
        temporary = Path(tmp) / path.name
        yield temporary
        os.replace(temporary, path)


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call write(temporary path), then rename it over path (see atomic_file)."""
    with atomic_file(path) as temporary:
        write(temporary)


def atomic_write_text(path: Path, text: str) -> None:
    """Write text (UTF-8) to path atomically."""
    atomic_write(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))
