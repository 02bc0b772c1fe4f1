"""Writing a file atomically, with no map library imported (the run report uses it too)."""

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call write(temporary path) in path's directory, then rename it over path.

    A temporary directory rather than a file: GeoPackage writers refuse an existing empty file and leave
    journal files beside the database; all of that goes away with the directory.
    """
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=f".{path.name}.") as tmp:
        temporary = Path(tmp) / path.name
        write(temporary)
        os.replace(temporary, path)
