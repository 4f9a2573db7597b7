#!/bin/sh
# Install Group Coordinator for the current user from this unpacked folder, or remove it again:
#
#     ./install.sh               copy the app to ~/.local/opt/GroupCoordinator, add it to the menu,
#                                and open .group files with it (no administrator password needed)
#     ./install.sh --uninstall   take all of that away again
#
# Your group files, backups and settings are never touched: they live in ~/.local/share/GroupCoordinator
# (or wherever you saved them) and ~/.config, not in the app's folder.
set -eu

id=org.groupcoordinator.GroupCoordinator
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
share=${XDG_DATA_HOME:-$HOME/.local/share}
app=$HOME/.local/opt/GroupCoordinator
link=$HOME/.local/bin/group-coordinator
icon_sizes="16 24 32 48 64 128 256 512"

refresh() {
    command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$share/mime" >/dev/null 2>&1 || true
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$share/applications" >/dev/null 2>&1 || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$share/icons/hicolor" >/dev/null 2>&1 || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$app"
    rm -f "$link" "$share/applications/$id.desktop" "$share/metainfo/$id.metainfo.xml" "$share/mime/packages/$id.xml"
    rm -f "$share/icons/hicolor/scalable/apps/$id.svg"
    for size in $icon_sizes; do
        rm -f "$share/icons/hicolor/${size}x${size}/apps/$id.png"
    done
    refresh
    echo "Group Coordinator has been removed. Your groups and backups are still in $share/GroupCoordinator."
    exit 0
fi

if [ ! -x "$here/GroupCoordinator" ]; then
    echo "Run install.sh from inside the unpacked GroupCoordinator folder." >&2
    exit 1
fi
if [ "$here" != "$app" ]; then
    rm -rf "$app.new"
    mkdir -p "$(dirname "$app")"
    cp -a "$here" "$app.new"
    rm -rf "$app"
    mv "$app.new" "$app"
fi

linux=$app/_internal/linux
icons=$app/_internal/coordinator_app/resources/icons
mkdir -p "$(dirname "$link")" "$share/applications" "$share/metainfo" "$share/mime/packages" \
    "$share/icons/hicolor/scalable/apps"
ln -sf "$app/GroupCoordinator" "$link"
# The menu entry starts this copy by its full path, so it works before ~/.local/bin is on the PATH.
sed -e "s|^Exec=group-coordinator|Exec=\"$app/GroupCoordinator\"|" \
    -e "s|^TryExec=group-coordinator|TryExec=$app/GroupCoordinator|" \
    "$linux/$id.desktop" > "$share/applications/$id.desktop"
cp "$linux/$id.metainfo.xml" "$share/metainfo/$id.metainfo.xml"
cp "$linux/$id.mime.xml" "$share/mime/packages/$id.xml"
cp "$icons/group-coordinator.svg" "$share/icons/hicolor/scalable/apps/$id.svg"
for size in $icon_sizes; do
    mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
    cp "$icons/group-coordinator-$size.png" "$share/icons/hicolor/${size}x${size}/apps/$id.png"
done
refresh
echo "Group Coordinator is installed: find it in your applications menu, or double-click a .group file."
