"""One writer at a time on a database file.

A writer (a build, an ingest) holds an exclusive ``flock`` on ``.NAME.lock`` beside the database
for as long as it works; a second writer fails at once, naming the process that holds the lock.
The kernel releases the lock when its process dies, so a killed writer never blocks the next one;
the file itself is removed by the writer that held it, and a file left by a killed one is reused.

A build also notes the database's :func:`file_stamp` when it begins and refuses to move its new
file into place if the stamp has changed meanwhile (something wrote to it without the lock).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from unvotes.errors import StoreError
from unvotes.store.connection import unusable_file

__all__ = ["FileStamp", "file_stamp", "lock_path", "writer_lock"]

#: (device, inode, size, modification time in ns, SQLite's file change counter)
FileStamp = tuple[int, int, int, int, bytes]


def lock_path(db: Path) -> Path:
    return db.parent / f".{db.name}.lock"


def file_stamp(db: Path) -> FileStamp | None:
    """What changes whenever the file at ``db`` is replaced or written; None when there is none."""
    try:
        with db.open("rb") as handle:
            info = os.fstat(handle.fileno())
            handle.seek(24)
            counter = handle.read(4)  # bumped by every committed SQLite transaction
    except FileNotFoundError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, counter)


def _holder(fd: int) -> str:
    """Who holds the lock, as its holder wrote it ("pid 123: unvotes build ...")."""
    with contextlib.suppress(OSError):
        text = os.pread(fd, 512, 0).decode("utf-8", errors="replace").strip()
        if text:
            return text
    return "another process"


def _acquire(path: Path, db: Path) -> int:
    """A descriptor of ``path`` holding its lock (retrying when the holder removed the file meanwhile)."""
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise StoreError(f"{db}: another writer is at work on this database ({holder}); try again later") from None
        with contextlib.suppress(FileNotFoundError):
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                return fd
        os.close(fd)  # the previous holder removed the file after we opened it: lock the new one


@contextlib.contextmanager
def writer_lock(db: Path) -> Iterator[None]:
    """Hold the writer's lock of ``db`` (raise :class:`StoreError` at once if another holds it)."""
    path = lock_path(db)
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        fd = _acquire(path, db)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT):
            raise unusable_file(db, exc) from exc  # the database could not be written either
        raise StoreError(f"{path}: cannot take the writer's lock ({exc.strerror or exc})") from exc
    try:
        os.ftruncate(fd, 0)
        program = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python"
        command = " ".join(["unvotes" if program == "__main__.py" else program, *sys.argv[1:]])
        os.pwrite(fd, f"pid {os.getpid()}: {command}"[:500].encode(), 0)
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(fd)
