"""Is the group file somewhere risky? Cloud-sync folders and network drives can corrupt an open database.

Sync clients copy the file while SQLite is writing it (and leave "conflicted copy" twins); network file
systems often break SQLite's locking. The app still opens such a file, but says so in plain words.
"""

from __future__ import annotations

import re
from pathlib import Path, PureWindowsPath

_CLOUD = (
    (re.compile(r"(^|[/\\])dropbox( \([^)]*\))?([/\\]|$)", re.IGNORECASE), "Dropbox"),
    (re.compile(r"(^|[/\\])onedrive( - [^/\\]*)?([/\\]|$)", re.IGNORECASE), "OneDrive"),
    (re.compile(r"(^|[/\\])(icloud drive|icloud~|mobile documents)([/\\]|$)|com~apple~clouddocs", re.IGNORECASE),
     "iCloud Drive"),
    (re.compile(r"(^|[/\\])(google ?drive|my drive|googledrive)([/\\]|$)|[/\\]cloudstorage[/\\]googledrive",
                re.IGNORECASE), "Google Drive"),
    (re.compile(r"[/\\]cloudstorage[/\\]", re.IGNORECASE), "a cloud storage folder"),
    (re.compile(r"(^|[/\\])(nextcloud|owncloud|box sync|pcloud drive)([/\\]|$)", re.IGNORECASE),
     "a cloud sync folder"),
)
_NETWORK_TYPES = {
    "nfs", "nfs4", "cifs", "smb", "smbfs", "smb3", "afpfs", "webdav", "davfs", "fuse.sshfs", "sshfs", "9p",
    "fuse.rclone", "fuse.gvfsd-fuse", "ncpfs", "glusterfs", "ceph", "fuse.s3fs",
}


def _mount_table() -> list[tuple[str, str]]:
    """(mount point, file system type) pairs from Linux's ``/proc/mounts``; empty elsewhere."""
    try:
        text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    table: list[tuple[str, str]] = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            table.append((parts[1].replace("\\040", " "), parts[2]))
    return table


def _mount_type(path: str, mounts: list[tuple[str, str]]) -> str | None:
    best: tuple[str, str] | None = None
    for point, fstype in mounts:
        prefix = point.rstrip("/") + "/"
        if (path == point or path.startswith(prefix) or point == "/") and (best is None or len(point) > len(best[0])):
            best = (point, fstype)
    return best[1] if best else None


def location_warning(path: Path | str, *, mounts: list[tuple[str, str]] | None = None) -> str | None:
    """One sentence warning about a cloud-sync or network location, or ``None`` when it looks safe.

    ``mounts`` (mount point, file system type) defaults to this computer's mount table.
    """
    text = str(path)
    for pattern, service in _CLOUD:
        if pattern.search(text):
            return (f"This group file is in {service}. Syncing can damage a file while it is open: "
                    "keep the group file in a local folder and let the app's backups be copied instead.")
    if text.startswith(("\\\\", "//")) or PureWindowsPath(text).drive.startswith("\\\\"):
        return ("This group file is on a network drive. If the connection drops while it is open the file can be "
                "damaged: keep it on this computer if you can.")
    fstype = _mount_type(text, _mount_table() if mounts is None else mounts)
    if fstype and (fstype in _NETWORK_TYPES or fstype.startswith(("nfs", "smb", "cifs"))):
        return ("This group file is on a network drive. If the connection drops while it is open the file can be "
                "damaged: keep it on this computer if you can.")
    return None
