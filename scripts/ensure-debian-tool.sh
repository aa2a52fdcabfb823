#!/usr/bin/env bash
# Install a Debian package when what it provides is missing: ensure-debian-tool.sh COMMAND|FILE [PACKAGE].
# COMMAND is looked up on the PATH; a FILE (a path, e.g. a font) must exist. Tests and exports use Debian's own
# builds (e.g. chromium rather than Playwright's browser download, DejaVu Sans from fonts-dejavu-core).
set -euo pipefail
wanted="${1:?usage: ensure-debian-tool.sh COMMAND|FILE [PACKAGE]}"
package="${2:-$1}"
PATH="$PATH:/usr/sbin:/sbin"  # daemons such as nginx are installed there, outside a user's PATH
present() {
  if [[ "$wanted" == */* ]]; then [ -e "$wanted" ]; else command -v "$wanted" >/dev/null 2>&1; fi
}
if present; then
  exit 0
fi
echo "Installing Debian's $package..."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$package" >/dev/null
present || { echo "$package did not provide $wanted" >&2; exit 1; }
