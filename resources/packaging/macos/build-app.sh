#!/usr/bin/env bash
# ExpatDesk.app and a signed, notarised disk image, on a Mac (not built on the project's Linux
# machine; the macOS runner of .github/workflows/packages.yml runs this script).
#   SIGNING_IDENTITY  "Developer ID Application: <centre or supplier> (TEAMID)"; unset: unsigned
#   NOTARY_PROFILE    a notarytool keychain profile (xcrun notarytool store-credentials); unset:
#                     not notarised
set -euo pipefail
cd "$(dirname "$0")/../../.."
version=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')

.venv/bin/pyinstaller --noconfirm --clean resources/packaging/expatdesk.spec
app=dist/ExpatDesk.app
"$app/Contents/MacOS/expatdesk" selftest  # the frozen build checks itself before it is shipped

if [ -n "${SIGNING_IDENTITY:-}" ]; then
    # hardened runtime, every nested library and Qt plugin signed, then the bundle itself
    codesign --force --deep --timestamp --options runtime --sign "$SIGNING_IDENTITY" "$app"
    codesign --verify --deep --strict --verbose=2 "$app"
fi
image="dist/ExpatDesk-$version.dmg"
rm -f "$image"
hdiutil create -volname ExpatDesk -srcfolder "$app" -ov -format UDZO "$image"
if [ -n "${SIGNING_IDENTITY:-}" ]; then
    codesign --timestamp --sign "$SIGNING_IDENTITY" "$image"
fi
if [ -n "${NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$image" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$image"
fi
echo "built $image"
