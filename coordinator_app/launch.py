"""The desktop's way in: the frozen app's entry script and the ``group-coordinator`` launcher.

A desktop opening a group file passes its bare path; :func:`coordinator_app.desktop.desktop_argv` turns
that into ``--group FILE`` before the usual command line (:mod:`coordinator_app.cli`) takes over.
"""

from __future__ import annotations

import sys

from coordinator_app.cli import main as cli_main
from coordinator_app.desktop import desktop_argv


def main() -> int:
    return cli_main(desktop_argv(sys.argv[1:]))


if __name__ == "__main__":
    sys.exit(main())
