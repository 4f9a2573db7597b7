"""Where the app keeps things, from platformdirs, overridable for tests and portable use.

Precedence for the group file: an explicit ``--group FILE`` beats the ``COORDINATOR_GROUP`` environment
variable, which beats the default file in the user data folder. ``COORDINATOR_HOME`` moves every folder
at once (tests and USB-stick use).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

GROUP_ENV = "COORDINATOR_GROUP"
HOME_ENV = "COORDINATOR_HOME"
GROUP_SUFFIX = ".group"

_dirs = PlatformDirs(appname="GroupCoordinator", appauthor=False)


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value) if value else None


def data_dir() -> Path:
    home = _home()
    return home / "data" if home else Path(_dirs.user_data_dir)


def backup_dir() -> Path:
    return data_dir() / "backups"


def log_dir() -> Path:
    home = _home()
    return home / "logs" if home else Path(_dirs.user_log_dir)


def default_group_file() -> Path:
    return data_dir() / f"my-group{GROUP_SUFFIX}"


def group_file(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The group file to open: ``--group`` first, then the environment, then the default."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(GROUP_ENV)
    if env:
        return Path(env).expanduser()
    return default_group_file()
