#!/bin/sh
# Install the Debian packages named in $PACKAGES that are missing. Quiet when all are there.
missing=""
for p in $PACKAGES; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO=sudo; else
  echo "Missing Debian packages:$missing. Install them as root: apt-get install$missing" >&2
  exit 0
fi
echo "Installing Debian packages:$missing"
$SUDO apt-get update -qq &&
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
  { echo "apt-get could not install:$missing" >&2; exit 1; }
