"""Files the bot sends in the local chat: one private folder per user, nothing overwritten."""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

DEFAULT_ROOT = Path("data/localchat")


def user_folder(root: Path, user_id: int) -> Path:
    """Return the folder that holds the files sent to one user."""
    return root / str(user_id)


def save_file(folder: Path, name: str, data: bytes, *, fallback: str = "file") -> Path:
    """Save data under the name the bot gave it; an existing file gets name-1, name-2, ..."""
    # Exports and reports hold health data: only the user who runs the chat may read them.
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    wanted = PurePosixPath(name.replace("\\", "/")).name  # never a path out of the folder
    wanted = fallback if wanted in {"", ".", ".."} else wanted
    paths = _numbered(folder, wanted)
    while True:
        path = next(paths)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # saved before, maybe in an earlier run: keep it
            continue
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        return path


def _numbered(folder: Path, name: str) -> Iterator[Path]:
    """Yield folder/name, then folder/name-1, name-2, ... (before the extension)."""
    stem, suffix = os.path.splitext(name)
    yield folder / name
    for number in itertools.count(1):
        yield folder / f"{stem}-{number}{suffix}"


def erase_user_files(root: Path, user_id: int) -> None:
    """Remove every file saved for a user, as when they erase their data."""
    shutil.rmtree(user_folder(root, user_id), ignore_errors=True)
