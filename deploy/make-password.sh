#!/usr/bin/env bash
# Add or change a user of the dashboard's password file (nginx basic authentication):
#   bash deploy/make-password.sh FILE USER      (asks for the password; or give it on standard input)
# The password is stored as a salted SHA-512 crypt hash ($6$, made by openssl, checked by nginx through the system's
# crypt()), never as text. An existing line for USER is replaced; a new file is readable by its owner only (give
# nginx's group read access: chgrp www-data FILE; chmod 640 FILE), and a changed file keeps its owner and mode.
set -euo pipefail
usage="usage: make-password.sh FILE USER"
file="${1:?$usage}"
user="${2:?$usage}"
if [[ ! "$user" =~ ^[A-Za-z0-9._@-]+$ ]]; then
  echo "A user name is letters, digits and . _ @ - only." >&2
  exit 2
fi
if [ -t 0 ]; then
  read -rsp "Password for $user: " password
  echo >&2
else
  IFS= read -r password || true
fi
if [ "${#password}" -lt 12 ]; then
  echo "Use a password of at least 12 characters." >&2
  exit 2
fi
hash="$(printf '%s\n' "$password" | openssl passwd -6 -stdin)"
umask 077
folder="$(dirname "$file")"
mkdir -p "$folder"
new="$(mktemp "$folder/.password.XXXXXX")"
trap 'rm -f "$new"' EXIT
if [ -e "$file" ]; then
  awk -F: -v user="$user" '$1 != user' "$file" > "$new"
  chmod --reference="$file" "$new"
  chown --reference="$file" "$new" 2>/dev/null || true
fi
printf '%s:%s\n' "$user" "$hash" >> "$new"
mv "$new" "$file"
trap - EXIT
echo "$user can now sign in (password file: $file)." >&2
