#!/usr/bin/env bash
# Install a Debian package a test drives when its command is missing: ensure-debian-tool.sh COMMAND [PACKAGE].
# Tests use Debian's own builds (e.g. chromium rather than Playwright's browser download).
set -euo pipefail
command_name="${1:?usage: ensure-debian-tool.sh COMMAND [PACKAGE]}"
package="${2:-$1}"
PATH="$PATH:/usr/sbin:/sbin"  # daemons such as nginx are installed there, outside a user's PATH
if command -v "$command_name" >/dev/null 2>&1; then
  exit 0
fi
echo "Installing Debian's $package for the tests..."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$package" >/dev/null
command -v "$command_name"
