"""The installers' and desktop's view of the app: one id everywhere, valid Linux files, icons, smoke test.

The Linux files are checked by the freedesktop tools themselves (desktop-file-validate, appstreamcli,
update-mime-database with gio); a test skips, saying why, only when its tool is not installed.
Building the frozen app is too slow for the test suite: ``make bundle`` does that and runs the frozen
app's ``--smoke-test``, which is run here from source.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import plistlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from coordinator_app import APP_ID, __version__
from coordinator_app.desktop import (
    EXECUTABLE,
    GROUP_MIME_TYPE,
    GROUP_UTI,
    ICON_SIZES,
    desktop_argv,
    icon_png,
    icon_svg,
)

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
DESKTOP_FILE = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME_XML = LINUX / f"{APP_ID}.mime.xml"
FLATPAK = PACKAGING / "flatpak" / f"{APP_ID}.yml"
INFO_PLIST = PACKAGING / "macos" / "Info.plist"
INNO = PACKAGING / "windows" / "GroupCoordinator.iss"
SPEC = PACKAGING / "GroupCoordinator.spec"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian package: see .ci/run)")
    return path


def _desktop_entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


# -- Linux: validated by the freedesktop tools ------------------------------------------------------


def test_desktop_file_is_valid() -> None:
    result = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP_FILE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""  # no warnings either


def test_appstream_metainfo_is_valid() -> None:
    result = subprocess.run([_tool("appstreamcli"), "validate", "--no-net", "--explain", str(METAINFO)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_group_files_are_recognised_by_name_and_by_content(group_path: Path, tmp_path: Path) -> None:
    """A group file shows as ours in the file manager, even renamed; another SQLite file does not."""
    gio = _tool("gio")
    data_home = tmp_path / "share"
    (data_home / "mime" / "packages").mkdir(parents=True)
    shutil.copy(MIME_XML, data_home / "mime" / "packages" / f"{APP_ID}.xml")
    subprocess.run([_tool("update-mime-database"), str(data_home / "mime")], check=True, capture_output=True)
    renamed = tmp_path / "copy for the new laptop.db"
    shutil.copy(group_path, renamed)
    other = tmp_path / "other.db"
    import sqlite3

    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}

    def content_type(path: Path) -> str:
        out = subprocess.run([gio, "info", "-a", "standard::content-type", str(path)], env=env,
                             capture_output=True, text=True, check=True).stdout
        return out.split("standard::content-type:")[1].strip()

    assert content_type(group_path) == GROUP_MIME_TYPE
    assert content_type(renamed) == GROUP_MIME_TYPE
    assert content_type(other) != GROUP_MIME_TYPE


# -- one identity everywhere ------------------------------------------------------------------------


def test_every_packaging_file_uses_the_same_id_name_and_file_type() -> None:
    entry = _desktop_entry(DESKTOP_FILE)
    assert entry["Name"] == "Group Coordinator"
    assert entry["Icon"] == APP_ID
    assert GROUP_MIME_TYPE in entry["MimeType"].split(";")

    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == f"{APP_ID}.desktop"
    assert component.findtext("provides/mediatype") == GROUP_MIME_TYPE
    assert component.findtext("provides/binary") == entry["Exec"].split()[0] == entry["TryExec"]

    mime = ET.parse(MIME_XML).getroot().find(f"{MIME_NS}mime-type")
    assert mime is not None and mime.get("type") == GROUP_MIME_TYPE
    assert mime.find(f"{MIME_NS}glob").get("pattern") == "*.group"  # type: ignore[union-attr]

    flatpak = FLATPAK.read_text(encoding="utf-8")
    assert re.search(rf"^app-id: {re.escape(APP_ID)}$", flatpak, re.M)
    assert re.search(r"^command: group-coordinator$", flatpak, re.M)
    assert re.search(r"^base: io\.qt\.PySide\.BaseApp$", flatpak, re.M)

    with INFO_PLIST.open("rb") as handle:
        plist = plistlib.load(handle)
    assert plist["CFBundleIdentifier"] == APP_ID
    exported = plist["UTExportedTypeDeclarations"][0]
    assert exported["UTTypeIdentifier"] == GROUP_UTI
    assert exported["UTTypeTagSpecification"]["public.filename-extension"] == ["group"]
    assert exported["UTTypeTagSpecification"]["public.mime-type"] == [GROUP_MIME_TYPE]
    assert plist["CFBundleDocumentTypes"][0]["LSItemContentTypes"] == [GROUP_UTI]

    inno = INNO.read_text(encoding="utf-8")
    assert f'#define AppExe "{EXECUTABLE}.exe"' in inno
    assert "PrivilegesRequired=lowest" in inno
    assert "[UninstallDelete]" not in inno.replace("No [UninstallDelete]", "")
    assert 'Subkey: "Software\\Classes\\.group\\OpenWithProgids"' in inno


def test_the_launcher_every_desktop_names_is_installed() -> None:
    scripts = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'group-coordinator = "coordinator_app.launch:main"' in scripts


def test_versions_agree_with_the_app() -> None:
    releases = ET.parse(METAINFO).getroot().findall("releases/release")
    assert releases[0].get("version") == __version__  # the newest release comes first
    assert f'#define AppVersion "{__version__}"' in INNO.read_text(encoding="utf-8")


def test_screenshots_named_in_the_metainfo_are_in_the_repository() -> None:
    images = [image.text or "" for image in ET.parse(METAINFO).getroot().iter("image")]
    assert images, "software centres want at least one screenshot"
    for url in images:
        assert url.startswith("https://groupcoordinator.org/docs/screenshots/")
        assert (ROOT / "docs" / "screenshots" / url.rsplit("/", 1)[1]).is_file(), url


def test_flatpak_requirements_match_the_lock() -> None:
    locked = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        name, _, version = line.partition("==")
        locked[name.lower().replace("_", "-")] = version
    wanted = [line for line in (PACKAGING / "flatpak" / "requirements.txt").read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")]
    assert wanted
    for line in wanted:
        name, _, version = line.partition("==")
        if name != "setuptools":  # only for building the app inside the Flatpak
            assert locked.get(name) == version, f"{line} is not what requirements.lock pins"


def test_the_frozen_app_keeps_every_qt_module_the_app_imports() -> None:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    unused = next(
        ast.literal_eval(node.value) for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "UNUSED_QT"
    )
    used = set()
    for source in (ROOT / "coordinator_app").rglob("*.py"):
        used.update(re.findall(r"PySide6\.(Qt\w+)", source.read_text(encoding="utf-8")))
    assert used, "the app imports Qt somewhere"
    assert not used & set(unused), f"the spec leaves out Qt modules the app uses: {sorted(used & set(unused))}"


# -- icons ------------------------------------------------------------------------------------------


def _make_icons_module():  # a module loaded from packaging/, which is not a package
    spec = importlib.util.spec_from_file_location("make_icons", PACKAGING / "make_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_icons"] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


def test_icons_come_in_every_size_and_match_their_drawing() -> None:
    make_icons = _make_icons_module()
    for size in ICON_SIZES:
        with Image.open(str(icon_png(size))) as image:
            assert image.size == (size, size)
            assert image.convert("RGBA").tobytes() == make_icons.render(size).tobytes(), (
                f"the {size} pixel icon is out of date: run packaging/make_icons.py")
    assert icon_svg().read_text(encoding="utf-8") == make_icons.to_svg(make_icons.shapes())
    folder = Path(str(icon_png(16))).parent
    with Image.open(folder / "group-coordinator.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
        ico.size = (16, 16)  # Windows shows the hand-drawn small icon, not a shrunken big one
        assert ico.convert("RGBA").tobytes() == make_icons.render(16).tobytes()
    with Image.open(folder / "group-coordinator.icns") as icns:
        assert icns.size[0] >= 512


def test_the_icon_is_high_contrast() -> None:
    """White people on the dark background: WCAG contrast well above the 4.5:1 that text needs."""
    make_icons = _make_icons_module()

    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    ratio = (luminance(make_icons.PERSON) + 0.05) / (luminance(make_icons.BACKGROUND) + 0.05)
    assert ratio > 7


# -- how desktops start the app ---------------------------------------------------------------------


def test_a_double_clicked_group_file_opens_that_group(tmp_path: Path) -> None:
    group = str(tmp_path / "Riverside Carers.group")
    assert desktop_argv([group]) == ["--group", group]
    renamed = tmp_path / "copy"
    renamed.write_bytes(b"")
    assert desktop_argv([str(renamed)]) == ["--group", str(renamed)]
    assert desktop_argv([]) == []
    assert desktop_argv(["--smoke-test"]) == ["--smoke-test"]
    assert desktop_argv(["check", "--group", "x.group"]) == ["check", "--group", "x.group"]


def _fake_bundle(folder: Path) -> Path:
    """The layout the spec gives dist/GroupCoordinator/ on Linux, with a stand-in for the program."""
    bundle = folder / "GroupCoordinator"
    (bundle / "_internal" / "linux").mkdir(parents=True)
    for path in LINUX.glob(f"{APP_ID}.*"):
        shutil.copy(path, bundle / "_internal" / "linux")
    shutil.copytree(Path(str(icon_png(16))).parent, bundle / "_internal" / "coordinator_app" / "resources" / "icons")
    shutil.copy(LINUX / "install.sh", bundle / "install.sh")
    program = bundle / "GroupCoordinator"
    program.write_text("#!/bin/sh\necho started\n", encoding="utf-8")
    program.chmod(0o755)
    return bundle


def test_linux_install_adds_menu_entry_icons_and_file_type_and_uninstall_keeps_the_groups(tmp_path: Path) -> None:
    home = tmp_path / "home"
    kept = home / ".local" / "share" / "GroupCoordinator" / "my-group.group"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"the group's data")
    bundle = _fake_bundle(tmp_path / "download")
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}

    subprocess.run(["sh", str(bundle / "install.sh")], env=env, check=True, capture_output=True)
    share = home / ".local" / "share"
    installed = home / ".local" / "opt" / "GroupCoordinator" / "GroupCoordinator"
    menu_entry = share / "applications" / f"{APP_ID}.desktop"
    assert installed.is_file()
    assert _desktop_entry(menu_entry)["Exec"] == f'"{installed}" %f'
    assert (share / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (share / "mime" / "packages" / f"{APP_ID}.xml").is_file()
    assert subprocess.run([str(home / ".local" / "bin" / "group-coordinator")], capture_output=True,
                          text=True).stdout == "started\n"
    if shutil.which("desktop-file-validate"):
        assert subprocess.run(["desktop-file-validate", str(menu_entry)]).returncode == 0

    result = subprocess.run(["sh", str(installed.parent / "install.sh"), "--uninstall"], env=env, check=True,
                            capture_output=True, text=True)
    assert not installed.parent.exists() and not menu_entry.exists()
    assert not (home / ".local" / "bin" / "group-coordinator").exists()
    assert kept.read_bytes() == b"the group's data"
    assert "Your groups and backups are still in" in result.stdout


# -- the smoke test, from source --------------------------------------------------------------------


def test_smoke_test_passes_and_leaves_nothing_behind(tmp_path: Path) -> None:
    folders = {name: tmp_path / name for name in ("home", "config", "cache", "scratch")}
    for folder in folders.values():
        folder.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(folders["home"]),
           "XDG_CONFIG_HOME": str(folders["config"]), "XDG_CACHE_HOME": str(folders["cache"]),
           "XDG_DATA_HOME": str(folders["home"] / "share"), "TMPDIR": str(folders["scratch"])}
    env.pop("COORDINATOR_HOME", None)
    result = subprocess.run([sys.executable, "-m", "coordinator_app", "--smoke-test"], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "smoke: 6 passed, 0 failed"
    assert [line.split(":")[0] for line in lines[1:-1]] == ["ok   qt", "ok   group", "ok   meeting", "ok   pdf",
                                                             "ok   xlsx", "ok   calendar"]
    assert "Traceback" not in result.stderr
    assert list(folders["scratch"].iterdir()) == [], "the smoke test left files behind"
    left = [p for name in ("home", "config") for p in folders[name].rglob("*") if "oordinator" in str(p)]
    assert left == [], "the smoke test touched the user's own group or settings"


def test_the_running_app_tells_the_desktop_its_id_and_shows_its_icon(qapp: object) -> None:
    """Wayland and GNOME match the window to the menu entry through this name; the task bar shows the icon."""
    from PySide6.QtGui import QGuiApplication

    from coordinator_app.ui.app import make_application

    app = make_application()
    assert QGuiApplication.desktopFileName() == APP_ID
    assert not app.windowIcon().pixmap(32, 32).isNull()
