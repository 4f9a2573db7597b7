"""A smaller ICU data library for the Linux bundle: about 4.5 MB of Unicode data instead of 32 MB.

PySide6's Qt links ICU, whose data library (``libicudata.so.NN``) holds every locale's names, currencies
and units, every legacy code page and the CJK, Thai, Khmer and Burmese word dictionaries. Qt uses ICU only
for collation (locale-aware sorting, the file dialog), case mapping, normalisation and non-Unicode codecs,
and keeps its own locale data, so the bundle keeps ICU's core tables, the Unicode collation order (which
sorts every script), the break rules, and the English, Welsh, Irish and Scottish Gaelic locales. Other
locales' data is left out: their names of languages, countries, currencies, units and time zones, which Qt
does not show, and their collation tailorings, for which ICU falls back to the Unicode order (Łukasz still
sorts beside Lukas, Zoë beside Zoe). Legacy code pages go too: the app reads
and writes Unicode, and Python decodes a bank's Windows-1252 CSV with its own codecs.

``icupkg`` (Debian's ``icu-devtools``) takes items out of the data package, which is stored as the only
object in the library's ``.rodata`` section; ``gcc`` wraps the smaller package in a library with the same
file name, soname and symbol (``icudtNN_dat``), so the ICU libraries beside it load it unchanged.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

# The languages of the UK and Ireland, and the locales English in the UK inherits from (en_GB → en_001 → en).
KEPT_LOCALES = frozenset({"root", "en", "en_001", "en_150", "en_GB", "en_IE", "cy", "cy_GB", "ga", "ga_GB", "ga_IE",
                          "gd", "gd_GB"})
_LOCALE = re.compile(r"(?:[a-z]{2,3}|root)(?:_[A-Za-z0-9]*)*\.res")
_NOT_LOCALES = frozenset({"res_index.res", "pool.res"})
# Legacy code pages, transliteration, word dictionaries, character names and the spoofing checker.
_DROPPED = (re.compile(r".*\.cnv"), re.compile(r"translit/.*"), re.compile(r"brkitr/.*\.dict"),
            re.compile(r"unames\.icu"), re.compile(r"confusables\.cfu"))
TOOLS = ("icupkg", "objcopy", "gcc")


def _dropped(item: str) -> bool:
    if any(pattern.fullmatch(item) for pattern in _DROPPED):
        return True
    name = item.rpartition("/")[2]
    if name in _NOT_LOCALES or not _LOCALE.fullmatch(name):
        return False
    return name.removesuffix(".res") not in KEPT_LOCALES


def _run(*command: str | Path) -> str:
    return subprocess.run([str(part) for part in command], check=True, capture_output=True, text=True).stdout


def trimmed(library: Path, workdir: Path) -> Path:
    """A copy of ``library`` (libicudata.so.NN) holding only the data the app can use."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        raise SystemExit(f"Building the Linux bundle needs {', '.join(missing)} (Debian packages icu-devtools, "
                         "binutils and gcc); install them and run make bundle again.")
    version = re.search(r"\.so\.(\d+)", library.name)
    if version is None:
        raise SystemExit(f"{library} is not an ICU data library (libicudata.so.NN).")
    name = f"icudt{version[1]}l"
    workdir.mkdir(parents=True, exist_ok=True)
    package = workdir / f"{name}.dat"
    _run("objcopy", "-O", "binary", "--only-section=.rodata", library, package)
    items = _run("icupkg", "-l", package).split()
    if not items:
        raise SystemExit(f"No ICU data was found in {library}.")
    removals = workdir / "removed.txt"
    removals.write_text("\n".join(item for item in items if _dropped(item)) + "\n", encoding="utf-8")
    smaller = workdir / "small" / package.name  # icupkg names the items after the output file
    smaller.parent.mkdir(exist_ok=True)
    # The break rules name the dictionaries; without them ICU breaks those scripts by its rules alone.
    _run("icupkg", "--ignore-deps", "-r", removals, package, smaller)
    source = workdir / "icudata.S"
    source.write_text(
        f'\t.section .rodata\n\t.globl icudt{version[1]}_dat\n\t.type icudt{version[1]}_dat, @object\n'
        f'\t.balign 16\nicudt{version[1]}_dat:\n\t.incbin "{smaller}"\n'
        f'\t.size icudt{version[1]}_dat, .-icudt{version[1]}_dat\n'
        '\t.section .note.GNU-stack,"",@progbits\n', encoding="utf-8")
    output = workdir / library.name
    _run("gcc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", output, source)
    return output
