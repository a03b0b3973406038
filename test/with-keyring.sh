#!/bin/sh
# Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring, so keychain tests use
# the real Secret Service on Linux without touching the user's own keyring. Elsewhere (macOS, Windows, or
# a Linux box without dbus-run-session / gnome-keyring) it runs the command as it is.
set -eu
if [ "$(uname -s)" = "Linux" ] && [ -z "${PROVERDESK_KEYRING_READY:-}" ] && command -v dbus-run-session >/dev/null 2>&1 \
  && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/proverdesk-keyring.XXXXXX")
  mkdir -p "$keyring_home/data" "$keyring_home/runtime"
  chmod 700 "$keyring_home/runtime"
  export PROVERDESK_KEYRING_READY=1 XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/runtime"
  status=0
  dbus-run-session -- sh -c '
    # The login keyring is created and unlocked with a throwaway password; it lives only in this session.
    printf "proverdesk-test\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
    exec "$@"' sh "$@" || status=$?
  rm -rf "$keyring_home"
  exit "$status"
fi
exec "$@"
