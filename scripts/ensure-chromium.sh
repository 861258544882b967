#!/usr/bin/env bash
# Debian's Chromium and ChromeDriver for the browser tests, and the fonts its screenshots need
# (Arabic, Devanagari, Thai from Noto; Chinese and Japanese from WenQuanYi), installed when
# missing and we may: a screenshot of Chinese in boxes proves nothing. Also Debian's faketime: the loop test
# (tests/browser/test_the_loop.py) runs gunicorn, a worker and beat under libfaketime's clock.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
for package in fonts-noto-core fonts-wqy-microhei faketime; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} = 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's ${missing[*]} for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Missing Debian packages for the browser tests: ${missing[*]} (run as root, or apt-get install them)." >&2
  command -v chromium >/dev/null && command -v chromedriver >/dev/null  # fonts alone do not stop the tests
fi
