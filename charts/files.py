"""Writing outputs so that a reader (the site, a browser, `mkdocs serve`) never sees half a file.

    atomic_write(path, data)          one file: the old bytes or the new ones, never a mix
    swap_dir(target, keep=False)      a whole folder, built beside target and swapped in at the end

Every writer in the charts package (build, export, bundle, deck) uses these two, so there is one
answer to "what happens if the build crashes half-way": the previous output is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path


def atomic_write(path: Path | str, data: bytes | str) -> None:
    """Write data (str as UTF-8) to path through a temporary file in the same folder and
    ``os.replace``, which is atomic within one file system: a crash or a failed write leaves the
    previous file, or none, and no partial file. The replacement is a new file, so a hard link to
    the previous output (``swap_dir(keep=True)`` makes them) is never written through. Creates the
    parent folders; the file gets the usual permissions (the umask's, unlike ``tempfile``'s 0600).
    """
    path = Path(path)
    content = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.part")
    try:
        with open(tmp, "xb") as file:
            file.write(content)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def link_or_copy(source: Path | str, target: Path | str) -> None:
    """target as a hard link to source where the file system allows, else a copy. An existing
    target is removed first: never written through, it may be a link into another copy."""
    if os.path.lexists(target):
        os.remove(target)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _copy_tree(source: Path, target: Path) -> None:
    """Carry the previous output over cheaply: hard links where possible, copies otherwise."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link)


@contextlib.contextmanager
def swap_dir(target: Path | str, *, keep: bool = False) -> Iterator[Path]:
    """Build a folder's new contents in a temporary folder beside it and swap it in at the end.

    Yields the temporary folder. When the block finishes, it replaces ``target`` (two renames, so
    the folder is missing only between them, never half-written); when the block raises, it is
    deleted and ``target`` is left as it was. ``keep=True`` starts the temporary folder as a copy
    of ``target`` (hard links, see atomic_write) for a build that rewrites only some files.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.tmp-{os.getpid()}"
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    for leftover in (tmp, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    try:
        if keep and target.exists():
            _copy_tree(target, tmp)
        tmp.mkdir(parents=True, exist_ok=True)
        yield tmp
        if target.exists():
            os.replace(target, old)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old.exists() and not target.exists():
            os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
