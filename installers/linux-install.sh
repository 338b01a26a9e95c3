#!/usr/bin/env bash
# Installs a PyInstaller build (dist/daybook) for this user, with a menu entry.
set -euo pipefail
src=${1:-dist/daybook}
dest="$HOME/.local/opt/daybook"
mkdir -p "$dest" "$HOME/.local/bin" "$HOME/.local/share/applications"
cp -a "$src/." "$dest/"
ln -sf "$dest/daybook" "$HOME/.local/bin/daybook"
cat > "$HOME/.local/share/applications/daybook.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Daybook
Comment=The business side of self-employed home care
Exec=$dest/daybook
Terminal=false
Categories=Office;Finance;
DESKTOP
echo "Daybook installed: open it from your applications menu, or run 'daybook'."
