#!/usr/bin/env bash
# Installs a built Daybook folder (dist/daybook) for this user only, with no administrator
# rights: ~/.local/opt/daybook, `daybook` and `daybook-cli` in ~/.local/bin, and a menu entry
# with the icon. Run it again to update. To remove Daybook: installers/linux-install.sh --remove
# (your records in ~/.local/share/Daybook are kept either way).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dest="$HOME/.local/opt/daybook"
apps="$HOME/.local/share/applications"
icons="$HOME/.local/share/icons/hicolor"

if [ "${1:-}" = "--remove" ]; then
  rm -rf "$dest" "$apps/daybook.desktop" "$HOME/.local/bin/daybook" "$HOME/.local/bin/daybook-cli"
  find "$icons" -name daybook.png -path '*/apps/*' -delete 2>/dev/null || true
  echo "Daybook removed. Your records are still in ~/.local/share/Daybook."
  exit 0
fi

src=${1:-$here/dist/daybook}
[ -x "$src/daybook" ] || { echo "No Daybook build in $src (build it with PyInstaller first)."; exit 1; }
mkdir -p "$HOME/.local/opt" "$HOME/.local/bin" "$apps"
rm -rf "$dest.new" && cp -a "$src" "$dest.new" && rm -rf "$dest" && mv "$dest.new" "$dest"
ln -sf "$dest/daybook" "$HOME/.local/bin/daybook"
ln -sf "$dest/daybook-cli" "$HOME/.local/bin/daybook-cli"
for size in 16 24 32 48 64 128 256 512; do
  install -D -m 644 "$here/resources/icons/daybook-$size.png" "$icons/${size}x${size}/apps/daybook.png"
done
cat > "$apps/daybook.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Daybook
GenericName=Home care business records
Comment=Clients, visits, invoices, tax and portfolio for self-employed home carers
Exec=$dest/daybook
Icon=daybook
Terminal=false
Categories=Office;Finance;
StartupWMClass=daybook
DESKTOP
command -v update-desktop-database >/dev/null && update-desktop-database -q "$apps" || true
echo "Daybook installed: open it from your applications menu, or run 'daybook'."
