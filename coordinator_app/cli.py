"""The ``coordinator-app`` command (filled in by the CLI work)."""


def main(argv: list[str] | None = None) -> int:
    return 0
