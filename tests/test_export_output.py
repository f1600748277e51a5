"""``reader export -o``: the output goes where a shell redirect (``>``) would send it.

A regular file (also behind a symlink) is replaced whole and keeps its mode; a FIFO or
a device is written into and stays what it was; a failure names the file, exits 1 and
changes nothing.  Device nodes are made in tmp_path when the tests run as root, so a
regression replaces a copy, never the machine's /dev/null or /dev/full.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reader.exports.bibtex import write_atomically
from tests.conftest import READER

EXPORT = Path(__file__).parent / "roots" / "export"
ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="only root may set another owner")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the export fixture project."""
    return Path(shutil.copytree(EXPORT, tmp_path / "project"))


@pytest.fixture
def expected(project: Path) -> str:
    """What ``reader export`` prints on stdout: what every output must receive."""
    done = export(project)
    assert done.returncode == 0, done.stderr
    return done.stdout


def export(project: Path, *args: str, **options) -> subprocess.CompletedProcess[str]:
    """Run ``reader export *args`` in *project* (bounded: a blocked write fails the test)."""
    options.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [*READER, "export", *args],
        cwd=project,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        timeout=120,
        **options,
    )


def assert_failed_clearly(done: subprocess.CompletedProcess[str], output: str) -> None:
    """Exit 1 with one line that names *output*: no crash report, no traceback."""
    assert done.returncode == 1, done.stderr
    assert f"reader export: cannot write {output}: " in done.stderr
    assert "internal error" not in done.stderr
    assert "Traceback" not in done.stderr


def leftovers(*folders: Path) -> list[str]:
    """Temporary files left behind in *folders*."""
    return [p.name for f in folders for p in f.iterdir() if p.name.endswith(".tmp")]


def device(tmp_path: Path, name: str) -> Path:
    """A character device that behaves as /dev/*name*.

    As root, a node of the same device made in *tmp_path*: a regression that renames a
    file over it destroys the copy only.  Otherwise the real one, which a user cannot
    replace.
    """
    real = Path("/dev") / name
    if not real.exists() or not stat.S_ISCHR(real.stat().st_mode):
        pytest.skip(f"{real} is not a character device here")
    if os.geteuid() != 0:
        return real
    node = tmp_path / name
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, real.stat().st_rdev)
        with open(node, "rb", buffering=0):
            pass  # a filesystem mounted nodev refuses to open device nodes
    except PermissionError as error:
        pytest.skip(f"cannot make a device node in {tmp_path}: {error}")
    return node


def assert_still_the_device(node: Path, name: str) -> None:
    assert stat.S_ISCHR(node.lstat().st_mode), f"{node} was replaced"
    assert node.stat().st_rdev == (Path("/dev") / name).stat().st_rdev


# --------------------------------------------------------------------- stdout


def test_dash_writes_to_stdout(project, expected):
    done = export(project, "-o", "-")
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected
    assert "wrote" not in done.stderr
    assert not (project / "-").exists()


@pytest.mark.parametrize("args", [(), ("-o", "-")], ids=["no-o", "dash"])
def test_a_full_stdout_fails_clearly(project, tmp_path, args):
    full = device(tmp_path, "full")
    with open(full, "w") as stdout:
        done = export(project, *args, stdout=stdout)
    assert_failed_clearly(done, "stdout")
    assert "No space left on device [ENOSPC]" in done.stderr
    assert "Exception ignored" not in done.stderr  # nothing left to flush at exit


# --------------------------------------------------------------------- FIFOs and devices


@pytest.mark.parametrize("through_symlink", [False, True], ids=["fifo", "symlink-to-fifo"])
def test_a_fifo_gets_the_data_and_stays_a_fifo(project, tmp_path, expected, through_symlink):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    output = fifo
    if through_symlink:
        output = tmp_path / "link"
        output.symlink_to(fifo.name)
    # the reader opens the FIFO first or second: either way the export's open waits for it
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; sys.stdout.buffer.write(open(sys.argv[1], 'rb').read())",
        ]
        + [str(fifo)],
        stdout=subprocess.PIPE,
    )
    try:
        done = export(project, "-o", str(output))
        received, _ = reader.communicate(timeout=30)
    finally:
        if reader.poll() is None:  # the export never opened the FIFO
            reader.kill()
            reader.wait(timeout=10)
    assert done.returncode == 0, done.stderr
    assert received.decode("utf-8") == expected
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    if through_symlink:
        assert output.is_symlink() and os.readlink(output) == fifo.name


def test_dev_null_swallows_the_export_and_stays_a_device(project, tmp_path):
    null = device(tmp_path, "null")
    done = export(project, "--format", "csl-json", "-o", str(null))
    assert done.returncode == 0, done.stderr
    assert f"to {null}" in done.stderr
    assert_still_the_device(null, "null")
    assert leftovers(null.parent) == []


def test_dev_full_fails_naming_the_file_and_changes_nothing(project, tmp_path):
    full = device(tmp_path, "full")
    before = sorted(os.listdir(full.parent))
    done = export(project, "-o", str(full))
    assert_failed_clearly(done, str(full))
    assert "No space left on device [ENOSPC]" in done.stderr
    assert_still_the_device(full, "full")
    assert sorted(os.listdir(full.parent)) == before


# --------------------------------------------------------------------- regular files


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755])
def test_an_existing_file_keeps_its_mode(project, expected, mode):
    out = project / "refs.bib.out"
    out.write_text("old\n")
    out.chmod(mode)
    done = export(project, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == expected
    assert stat.S_IMODE(out.stat().st_mode) == mode


@ROOT_ONLY
def test_an_existing_file_keeps_its_owner(project):
    out = project / "refs.bib.out"
    out.write_text("old\n")
    os.chown(out, 1234, 5678)
    out.chmod(0o640)
    done = export(project, "-o", str(out))
    assert done.returncode == 0, done.stderr
    found = out.stat()
    assert (found.st_uid, found.st_gid, stat.S_IMODE(found.st_mode)) == (1234, 5678, 0o640)


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_a_new_file_gets_the_umask_as_with_a_redirect(project, umask):
    out = project / "new.ris"
    done = export(project, "--format", "ris", "-o", str(out), umask=umask)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


def test_a_regular_file_is_replaced_whole_not_rewritten(project, expected):
    out = project / "refs.bib.out"
    out.write_text("old\n")
    with out.open(encoding="utf-8") as before:  # as a program reading the file meanwhile
        done = export(project, "-o", str(out))
        assert before.read() == "old\n"  # it keeps the whole old file, never half a new one
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == expected
    assert leftovers(project) == []


# --------------------------------------------------------------------- symlinks


def test_a_symlink_is_followed_and_stays_a_link(project, tmp_path, expected):
    shared = tmp_path / "library"
    shared.mkdir()
    target = shared / "refs.bib"
    target.write_text("old\n")
    target.chmod(0o640)
    link = project / "refs-link.bib"
    link.symlink_to(os.path.relpath(target, project))
    done = export(project, "-o", str(link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == os.path.relpath(target, project)
    assert target.read_text(encoding="utf-8") == expected
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(project, shared) == []


def test_a_chain_of_symlinks_and_a_dangling_one_are_followed(project, tmp_path):
    target = tmp_path / "made-by-the-export.json"
    middle = tmp_path / "middle.json"
    middle.symlink_to(target)  # dangling: `>` would create the target
    link = project / "refs.json"
    link.symlink_to(middle)
    done = export(project, "--format", "csl-json", "-o", str(link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and middle.is_symlink()
    assert target.read_text(encoding="utf-8") == export(project, "-f", "csl-json").stdout


# --------------------------------------------------------------------- failures


@pytest.mark.parametrize("below", ["refs.bib", "sub/refs.bib"])
def test_a_file_in_the_way_of_the_folder_is_named(project, below):
    blocker = project / "notes.txt"
    blocker.write_text("keep me\n")
    output = f"notes.txt/{below}"
    done = export(project, "-o", output)
    assert_failed_clearly(done, output)
    assert f"{blocker.resolve()}: Not a directory [ENOTDIR]" in done.stderr
    assert blocker.read_text() == "keep me\n"


def test_a_folder_as_output_is_an_error(project):
    folder = project / "out"
    folder.mkdir()
    done = export(project, "-o", "out")
    assert_failed_clearly(done, "out")
    assert "Is a directory [EISDIR]" in done.stderr
    assert list(folder.iterdir()) == []


# mounts a read-only view of $1 over itself, in a mount namespace that ends with the
# command: nothing to undo, even if the test is killed; 77 when the system forbids it
READ_ONLY_VIEW = (
    'mount --bind "$1" "$1" 2>/dev/null && mount -o remount,bind,ro "$1" 2>/dev/null '
    '|| exit 77; shift; exec "$@"'
)


def test_a_read_only_folder_is_named(project):
    folder = project / "locked"
    folder.mkdir()
    output = folder / "refs.bib"
    command = [*READER, "export", "-o", str(output)]
    if os.geteuid() == 0:  # root writes into a mode 0o555 folder: make it truly read-only
        unshare = shutil.which("unshare")
        if unshare is None:
            pytest.skip("as root this needs unshare(1) for a read-only mount")
        command = [unshare, "--mount", "sh", "-c", READ_ONLY_VIEW, "sh", str(folder), *command]
    folder.chmod(0o555)
    try:
        done = subprocess.run(
            command, cwd=project, capture_output=True, text=True, check=False, timeout=120
        )
    finally:
        folder.chmod(0o755)
    if done.returncode == 77:
        pytest.skip("no read-only mount possible here (unshare --mount needs CAP_SYS_ADMIN)")
    assert_failed_clearly(done, str(output))
    assert f"{folder.resolve()}: " in done.stderr
    assert "[EROFS]" in done.stderr or "[EACCES]" in done.stderr
    assert list(folder.iterdir()) == []


# --------------------------------------------------------------------- the build's files


def test_write_atomically_keeps_a_symlink_and_the_mode_of_its_target(tmp_path):
    target = tmp_path / "kept" / "refs.json"
    target.parent.mkdir()
    target.write_text("old\n")
    target.chmod(0o600)
    link = tmp_path / "editions" / "refs.json"
    link.parent.mkdir()
    link.symlink_to(target)
    write_atomically(link, "new\n")
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert leftovers(link.parent, target.parent) == []


def test_the_build_writes_through_a_symlinked_refs_bib(project, tmp_path):
    kept = tmp_path / "zotero" / "reader.bib"  # e.g. a file a citation manager watches
    kept.parent.mkdir()
    kept.write_text("old\n")
    kept.chmod(0o640)
    editions = project / "_build" / "editions"
    editions.mkdir(parents=True)
    (editions / "refs.bib").symlink_to(kept)
    done = subprocess.run(
        [*READER, "build", "--format", "bib", "--quiet"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert (editions / "refs.bib").is_symlink()
    assert kept.read_text(encoding="utf-8").startswith("% BibTeX export of")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert (editions / "refs.json").is_file()  # the others as before: new regular files
