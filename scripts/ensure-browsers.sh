#!/usr/bin/env bash
# Makes sure Firefox ESR and WebKitGTK are installed for the browser tests in those engines. On
# Debian as root it installs `firefox-esr` (run headless through puppeteer-core over WebDriver BiDi),
# `webkit2gtk-driver` (WebKitWebDriver and the MiniBrowser it drives) and `xvfb` (MiniBrowser has no
# headless mode: it runs under xvfb-run) with apt; otherwise it says what to install. Nothing is
# downloaded outside the package manager: Debian has no geckodriver package and none is needed.
# Only the engines named in TEST_BROWSERS (default: all) are checked.
set -euo pipefail
want="${TEST_BROWSERS:-chromium,firefox,webkit}"
missing=()
case ",$want," in *,firefox,*)
  if [ ! -x "${FIREFOX_PATH:-/usr/bin/firefox-esr}" ]; then missing+=(firefox-esr); fi ;;
esac
case ",$want," in *,webkit,*)
  if ! command -v WebKitWebDriver >/dev/null 2>&1; then missing+=(webkit2gtk-driver); fi
  if ! command -v xvfb-run >/dev/null 2>&1; then missing+=(xvfb xauth); fi ;;
esac
if [ "${#missing[@]}" -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-browsers: installing Debian's ${missing[*]} (about 130 MB, a minute or two)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
cat >&2 <<TXT
ensure-browsers: missing ${missing[*]}.
  Debian/Ubuntu: sudo apt-get install ${missing[*]}
  Or run the tests in fewer engines: TEST_BROWSERS=chromium npm test
TXT
exit 1
