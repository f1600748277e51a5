#!/usr/bin/env bash
# Install the Debian packages a target needs, or say exactly how to.
#   scripts/system-packages.sh build   TeX for the PDF
#   scripts/system-packages.sh test    the above, plus what the tests use (poppler-utils, Java,
#                                      chromium, pandoc, biber, npm for Ace)
# Installs with apt-get when run as root; otherwise prints the command and fails.
set -euo pipefail

want=(latexmk texlive-xetex texlive-fonts-recommended fonts-freefont-otf)
[ "${1:-build}" = test ] && want+=(poppler-utils default-jre-headless chromium pandoc biber texlive-bibtex-extra)

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# Ace by DAISY (the EPUB's accessibility checker) installs with npm; Node.js may come
# from elsewhere than Debian (NodeSource's nodejs carries npm): any working npm will do.
if [ "${1:-build}" = test ] && ! command -v npm >/dev/null; then missing+=(npm); fi
[ ${#missing[@]} -eq 0 ] && exit 0

# Java may come from elsewhere than Debian's default package: accept any working one.
if [ "${missing[*]}" = default-jre-headless ] && command -v java >/dev/null; then exit 0; fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${missing[*]} (TeX is about 630 MB; a minute or two)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
