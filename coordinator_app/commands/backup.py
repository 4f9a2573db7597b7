"""``coordinator-app backup`` and ``coordinator-app restore``: the safety net, without the window.

``backup`` copies the group file into the backup folder (or to ``-o OUT``), verified; ``backup --list``
shows the backups there. ``restore BACKUP`` puts a backup in place of the group file, keeping the file
it replaces; the group file must not be open in the app meanwhile.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from coordinator_app.services import backups

from .common import CommandLine, group_path


def register(cli: CommandLine) -> None:
    parser = cli.add(
        cli.top, "backup", handler=run_backup, help="make a verified backup of the group file",
        description="Make a verified backup of the group file in the backup folder, or where -o says.",
    )
    parser.add_argument("-o", "--output", type=Path, metavar="OUT",
                        help="a file or folder to write the backup to (default: the backup folder)")
    parser.add_argument("--folder", type=Path, metavar="FOLDER", help="use this backup folder instead of the usual")
    parser.add_argument("--list", action="store_true", help="list the backups in the backup folder instead")
    parser = cli.add(
        cli.top, "restore", handler=run_restore, help="put a backup back in place of the group file",
        description="Put BACKUP in place of the group file. The file it replaces is kept beside it as "
        "<name>.before-restore-<date and time>. Close the group in the app first.",
    )
    parser.add_argument("backup", type=Path, metavar="BACKUP")
    cli.add(
        cli.top, "set-aside-log", handler=run_set_aside_log,
        help="put aside a leftover log that does not fit the group file, so the file opens as last saved",
        description="When the group file is sound but the log beside it (NAME-wal) is left from another copy "
        "of the group, rename the log to NAME.stale-log-<date and time> (kept, not deleted).",
    )


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, round(size / 1000))} kB"


def _count(value: int | None) -> str:
    return "?" if value is None else str(value)


def run_backup(args: argparse.Namespace) -> int:
    path = group_path(args)
    if args.list:
        found = backups.list_backups(path, folder=args.folder)
        if not found:
            print(f"There are no backups of {path.name} yet.")
        for info in found:
            print(f"{info.taken_at:%Y-%m-%d %H:%M:%S}  {_size(info.size):>8}  members {_count(info.members)}, "
                  f"meetings {_count(info.meetings)}, transactions {_count(info.transactions)}  {info.path}")
        return 0
    made = backups.back_up_file(path, target=args.output, folder=args.folder)
    print(f"Backed up {path.name} to {made}.")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    path = group_path(args)
    result = backups.restore(path, args.backup)
    print(f"Restored {path.name} from {result.restored_from.name}.")
    if result.kept_as is not None:
        print(f"The file it replaced is kept as {result.kept_as}.")
    return 0


def run_set_aside_log(args: argparse.Namespace) -> int:
    path = group_path(args)
    kept = backups.set_aside_stale_log(path)
    print(f"Put the log aside as {kept.name}; {path.name} now opens as it was last saved.")
    return 0
