"""The `build` command's input arguments to sources: files, directories, glob patterns and `-`."""

import contextlib
import glob
import sys
from collections.abc import Iterator
from pathlib import Path

from geo.inputs import Source, file_source

_WILDCARDS = set("*?[")


def expand(specs: list[str]) -> Iterator[Source]:
    """Every source the arguments name, in the order given; directories and patterns in sorted order.

    A file given by itself is named by its file name (the article id of a text file); a file found in a
    directory or by a pattern by its path below that directory, so same-named files in subdirectories
    stay apart. Anything that names no file is a source with an error, reported like a failed record.
    """
    for spec in specs:
        if spec == "-":
            # Not closed after reading: standard input belongs to the process.
            yield Source("stdin", lambda: contextlib.nullcontext(sys.stdin.buffer))
            continue
        path = Path(spec)
        if path.is_dir():
            found = [p for p in sorted(path.rglob("*")) if p.is_file() and not _hidden(p.relative_to(path))]
            yield from _named(found, path, spec, "no files in directory")
        elif not path.exists() and _WILDCARDS & set(spec):
            found = [Path(p) for p in sorted(glob.glob(spec, recursive=True)) if Path(p).is_file()]
            yield from _named(found, _fixed_prefix(spec), spec, "no file matches the pattern")
        else:
            yield file_source(path)


def _named(found: list[Path], root: Path, spec: str, nothing: str) -> Iterator[Source]:
    if not found:
        yield Source(spec, error=f"{nothing} {spec}")
    for file in found:
        yield file_source(file, file.relative_to(root).as_posix())


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _fixed_prefix(pattern: str) -> Path:
    """The directory a glob pattern starts in: its parts before the first wildcard."""
    parts = Path(pattern).parts
    first = next(i for i, part in enumerate(parts) if _WILDCARDS & set(part))
    return Path(*parts[:first]) if first else Path(".")
