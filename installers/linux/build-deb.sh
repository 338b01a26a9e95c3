#!/usr/bin/env bash
# Builds dist/daybook_<version>_amd64.deb: Daybook in /opt/daybook, `daybook` and `daybook-cli`
# on the PATH, a menu entry with the icon. Removing the package never touches the carer's
# records (they live in ~/.local/share/Daybook, which dpkg does not know about).
#   installers/linux/build-deb.sh            from the repository root or anywhere in it
# Uses .venv (made and filled with ".[build]" when missing); DAYBOOK_PYTHON=/path/to/python
# uses another environment that already has Daybook's dependencies and PyInstaller.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' app/__init__.py)
py=${DAYBOOK_PYTHON:-}
if [ -z "$py" ]; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  py=.venv/bin/python
fi
if ! "$py" -c "import PyInstaller, PySide6, sqlcipher3" 2>/dev/null; then
  "$py" -m pip install -q --upgrade pip
  "$py" -m pip install -q ".[build]"
fi
export PYTHONPATH="$root${PYTHONPATH:+:$PYTHONPATH}"

"$py" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
  installers/daybook.spec

stage=build/deb/daybook_${version}_amd64
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications"
cp -a dist/daybook "$stage/opt/daybook"
ln -s /opt/daybook/daybook "$stage/usr/bin/daybook"
ln -s /opt/daybook/daybook-cli "$stage/usr/bin/daybook-cli"
for size in 16 24 32 48 64 128 256 512; do
  install -D -m 644 "resources/icons/daybook-$size.png" \
    "$stage/usr/share/icons/hicolor/${size}x${size}/apps/daybook.png"
done
install -D -m 644 resources/daybook.svg "$stage/usr/share/icons/hicolor/scalable/apps/daybook.svg"
cat > "$stage/usr/share/applications/daybook.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Daybook
GenericName=Home care business records
Comment=Clients, visits, invoices, tax and portfolio for self-employed home carers
Exec=/opt/daybook/daybook
Icon=daybook
Terminal=false
Categories=Office;Finance;
StartupWMClass=daybook
DESKTOP

# The desktop libraries the bundle leaves to the system (see daybook.spec), as packages.
# dpkg may know a library by its /lib path rather than /usr/lib (merged /usr).
owner() { dpkg -S "$1" 2>/dev/null || dpkg -S "${1#/usr}" 2>/dev/null || true; }
depends=$(while read -r lib; do owner "$lib"; done < build/pyinstaller/daybook/system-libraries.txt \
  | cut -d: -f1 | sort -u | paste -sd, | sed 's/,/, /g')
size_kb=$(du -sk "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: daybook
Version: $version
Architecture: amd64
Maintainer: Daybook <daybook@localhost>
Installed-Size: $size_kb
Depends: ${depends:-libc6}
Section: misc
Priority: optional
Description: the business side of self-employed home care
 Clients, contracts, visits, invoices, tax and National Insurance, portfolio and
 safeguarding notes, in one encrypted file. Removing this package keeps your
 records (in ~/.local/share/Daybook).
CONTROL
cat > "$stage/DEBIAN/postinst" <<'SCRIPT'
#!/bin/sh
set -e
command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
exit 0
SCRIPT
cat > "$stage/DEBIAN/postrm" <<'SCRIPT'
#!/bin/sh
# Never removes the carer's records: they are in each user's home, not in this package.
set -e
command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true
exit 0
SCRIPT
chmod 755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/postrm"

mkdir -p dist
deb="dist/daybook_${version}_amd64.deb"
# xz makes the smallest download; DEB_COMPRESSION=gzip builds much faster (the slow test uses it).
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" --build "$stage" "$deb" >/dev/null
echo "Built $deb ($(du -h "$deb" | cut -f1) to download, $((size_kb / 1000)) MB installed)"
