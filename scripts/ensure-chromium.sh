#!/usr/bin/env bash
# Browser tests drive Debian's chromium (Playwright's own browser download is not used).
exec bash "$(dirname "$0")/ensure-debian-tool.sh" chromium
