"""Writing an output file: as a shell redirect (``>``) would, and whole or not at all.

``reader export -o FILE`` and the build's bibliography files both write here.  A
regular file (new, or existing, also behind a symlink) is written to a temporary file
beside it and renamed over it, so a reader of the file never sees half of it and a
failure leaves the old file as it was; the new file keeps the old one's permission
bits and, where allowed, its owner.  Anything else is written into, as ``>`` does:
a FIFO gets the data, ``/dev/null`` swallows it, ``/dev/full`` fails.  A symlink is
followed and stays a symlink.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

__all__ = ["describe", "write_output"]


def write_output(path: Path, text: str) -> None:
    """Write *text* (UTF-8) to *path*; raise OSError whose ``filename`` names the culprit.

    A missing parent folder is created, as the build's exports need; a file in the
    way of it is an error (NotADirectoryError), not a surprise.
    """
    try:
        found = os.stat(path)  # follows symlinks: the target decides
    except (FileNotFoundError, NotADirectoryError):
        # nothing there yet, or a dangling symlink: a new regular file (a file in the
        # way of its folder is named by _make_folder)
        found = None
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if found is not None and not stat.S_ISREG(found.st_mode):
        # FIFO, character or block device, socket: renaming a file over it would
        # destroy it (and as root, replace /dev/null); open it as `>` does instead
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        return
    _replace(Path(os.path.realpath(path)), text, found)


def describe(error: OSError, path: Path | str) -> str:
    """Why writing *path* failed, in words and with the errno's name (``ENOSPC``)."""
    code = errno.errorcode.get(error.errno or 0, "")
    reason = f"{error.strerror or error}" + (f" [{code}]" if code else "")
    culprit = error.filename
    if culprit is not None and os.fspath(culprit) != os.fspath(path):
        return f"{path}: {culprit}: {reason}"
    return f"{path}: {reason}"


def _replace(target: Path, text: str, old: os.stat_result | None) -> None:
    """Write *target* atomically: a temporary file in its folder, renamed over it."""
    folder = target.parent
    _make_folder(folder)
    fd, temporary = _create_beside(target)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            if old is not None:
                _keep_owner_and_mode(handle.fileno(), old)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _make_folder(folder: Path) -> None:
    """Create *folder* and its parents; a non-folder in the way is named as the culprit."""
    if folder.is_dir():
        return
    for ancestor in (folder, *folder.parents):
        if os.path.lexists(ancestor):
            if not ancestor.is_dir():
                # mkdir would say "File exists" of a file the user never meant to create
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(ancestor))
            break
    folder.mkdir(parents=True, exist_ok=True)


def _create_beside(target: Path) -> tuple[int, str]:
    """A new hidden file in *target*'s folder, opened for writing: (fd, path).

    Made with mode 0o666 so that the kernel applies the umask, as it does for ``>``
    (mkstemp's 0o600 would make every new export private).  A failure names the
    folder, not the temporary file the user never asked for.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        temporary = str(target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
        except OSError as error:
            raise type(error)(error.errno, error.strerror, str(target.parent)) from None
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target.parent))


def _keep_owner_and_mode(fd: int, old: os.stat_result) -> None:
    """Give the new file (open as *fd*) the owner and permission bits of the old one."""
    # the owner first: chown clears set-user-ID and set-group-ID bits, chmod sets them
    with contextlib.suppress(PermissionError):  # only root may give a file away
        os.fchown(fd, old.st_uid, old.st_gid)
    os.fchmod(fd, stat.S_IMODE(old.st_mode))
