#!/usr/bin/env bash
# Builds dist/Daybook-<version>.dmg on macOS: PyInstaller makes dist/Daybook.app (BUNDLE in
# installers/daybook.spec: name, version, icon, high-DPI in Info.plist), a self-test of the app,
# then hdiutil makes a compressed disk image with the app and a link to Applications.
#   installers/macos/build-dmg.sh
#
# The app is NOT signed. The first time, the carer opens it with right-click (or Control-click)
# on Daybook in Applications → Open → Open; on macOS 15 and later: try to open it once, then
# System Settings → Privacy & Security → "Open Anyway". macOS remembers the choice.
#
# Signing and notarisation (so that it opens with a plain double-click) would need:
#  - an Apple Developer Program membership and a "Developer ID Application" certificate in the
#    build machine's keychain (in CI: imported from a secret);
#  - codesign --deep --force --options runtime --timestamp --sign "Developer ID Application: ..."
#    dist/Daybook.app (hardened runtime; Python may need the entitlement
#    com.apple.security.cs.allow-unsigned-executable-memory), then sign the .dmg the same way;
#  - xcrun notarytool submit dist/Daybook-<version>.dmg --apple-id ... --team-id ...
#    --password <app-specific password> --wait, then xcrun stapler staple dist/Daybook-<version>.dmg.
set -euo pipefail
cd "$(dirname "$0")/../.."
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

"$py" -m PyInstaller --noconfirm --distpath dist --workpath build/pyinstaller installers/daybook.spec
dist/Daybook.app/Contents/MacOS/daybook-cli self-test

stage=build/dmg
rm -rf "$stage" && mkdir -p "$stage"
cp -R dist/Daybook.app "$stage/"
ln -s /Applications "$stage/Applications"
dmg="dist/Daybook-$version.dmg"
rm -f "$dmg"
hdiutil create -volname "Daybook $version" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$dmg"
echo "Built $dmg"
