"""What the desktop knows the app by (one id, one name, one file type, one icon) and what it passes in.

The packaging files (``packaging/``) repeat these strings because their formats cannot import Python;
``tests/test_packaging.py`` checks they agree with this module. Icons are found through
``importlib.resources``, so they are found the same way from source, installed, and frozen by PyInstaller.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from coordinator_app import APP_ID, APP_NAME

__all__ = ["APP_ID", "APP_NAME", "EXECUTABLE", "GROUP_MIME_TYPE", "GROUP_UTI", "ICON_SIZES", "desktop_argv",
           "icon_png", "icon_svg"]

EXECUTABLE = "GroupCoordinator"  # the frozen app's file name on every system
GROUP_MIME_TYPE = "application/x-group-coordinator"
GROUP_UTI = "org.groupcoordinator.group"  # macOS's name for the group file type
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _icons() -> Traversable:
    return files("coordinator_app").joinpath("resources", "icons")


def icon_png(size: int) -> Traversable:
    """The app icon drawn for ``size`` pixels (one of ICON_SIZES)."""
    if size not in ICON_SIZES:
        raise ValueError(f"no {size} pixel icon; sizes are {ICON_SIZES}")
    return _icons().joinpath(f"group-coordinator-{size}.png")


def icon_svg() -> Traversable:
    return _icons().joinpath("group-coordinator.svg")


def desktop_argv(argv: list[str]) -> list[str]:
    """Turn "open this file" from a desktop into ``--group FILE``.

    Double-clicking a group file passes its path alone (Windows ``"%1"``, a Linux ``.desktop`` ``%f``, macOS
    argument emulation); the command line wants ``--group FILE``. Anything else passes through unchanged.
    """
    if len(argv) == 1 and not argv[0].startswith("-"):
        candidate = Path(argv[0])
        if candidate.suffix.lower() == ".group" or candidate.is_file():
            return ["--group", argv[0]]
    return list(argv)
