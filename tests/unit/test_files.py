"""charts/files.py: the one atomic_write and swap_dir every output writer uses."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from charts import files
from charts.files import atomic_write, swap_dir


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_atomic_write_writes_bytes_and_utf8_text_creating_the_folder(tmp_path):
    atomic_write(tmp_path / "a" / "b.bin", b"\x00\x01")
    atomic_write(tmp_path / "a" / "c.txt", "参数量\n")
    assert (tmp_path / "a" / "b.bin").read_bytes() == b"\x00\x01"
    assert (tmp_path / "a" / "c.txt").read_bytes() == "参数量\n".encode()
    assert _listing(tmp_path) == ["a", "a/b.bin", "a/c.txt"]


def test_atomic_write_gives_the_usual_permissions_not_a_temp_files(tmp_path):
    umask = os.umask(0o022)
    os.umask(umask)
    atomic_write(tmp_path / "page.html", b"x")
    assert stat.S_IMODE((tmp_path / "page.html").stat().st_mode) == 0o666 & ~umask


@pytest.mark.parametrize("failing", ["write", "replace"])
def test_a_failed_atomic_write_keeps_the_old_file_and_leaves_no_partial_file(tmp_path, monkeypatch, failing):
    target = tmp_path / "chart.json"
    target.write_bytes(b"old")

    class Broken:
        def __init__(self, path: Path, mode: str) -> None:
            self.file = open(path, mode)  # noqa: SIM115 - closed in __exit__

        def __enter__(self) -> Broken:
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

        def write(self, data: bytes) -> None:
            self.file.write(data[:2])
            raise OSError("disk full")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("cannot rename")

    if failing == "write":
        monkeypatch.setattr(files, "open", Broken, raising=False)
    else:
        monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write(target, b"new content")
    assert target.read_bytes() == b"old"
    assert _listing(tmp_path) == ["chart.json"]


def test_atomic_write_never_writes_through_a_hard_link(tmp_path):
    previous = tmp_path / "previous.png"
    previous.write_bytes(b"old")
    os.link(previous, tmp_path / "linked.png")
    atomic_write(tmp_path / "linked.png", b"new")
    assert previous.read_bytes() == b"old"
    assert (tmp_path / "linked.png").read_bytes() == b"new"


def test_swap_dir_replaces_the_folder_when_the_block_succeeds(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "stale.txt").write_text("stale")
    with swap_dir(target) as tmp:
        assert tmp.parent == tmp_path and tmp != target
        atomic_write(tmp / "fresh.txt", "fresh")
        assert (target / "stale.txt").exists()  # nothing visible until the block ends
    assert _listing(tmp_path) == ["out", "out/fresh.txt"]


def test_swap_dir_leaves_the_folder_untouched_when_the_block_fails(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "kept.txt").write_text("kept")
    with pytest.raises(RuntimeError), swap_dir(target) as tmp:
        atomic_write(tmp / "half.txt", "half")
        raise RuntimeError("bad data")
    assert _listing(tmp_path) == ["out", "out/kept.txt"]


def test_swap_dir_keep_starts_from_the_old_files_without_changing_them(tmp_path):
    target = tmp_path / "out"
    (target / "sub").mkdir(parents=True)
    (target / "sub" / "kept.txt").write_text("kept")
    (target / "rewritten.txt").write_text("old")
    before = (target / "rewritten.txt").stat().st_ino
    with swap_dir(target, keep=True) as tmp:
        atomic_write(tmp / "rewritten.txt", "new")
        assert (target / "rewritten.txt").read_text() == "old"
    assert (target / "sub" / "kept.txt").read_text() == "kept"
    assert (target / "rewritten.txt").read_text() == "new"
    assert (target / "rewritten.txt").stat().st_ino != before
    assert _listing(tmp_path) == ["out", "out/rewritten.txt", "out/sub", "out/sub/kept.txt"]


def test_every_output_writer_uses_the_one_atomic_write():
    import inspect

    from charts import build, bundle, deck, export

    for module in (build, bundle, deck, export):
        source = inspect.getsource(module)
        assert "atomic_write" in source, module.__name__
        assert "os.replace" not in source and "write_bytes" not in source, module.__name__
