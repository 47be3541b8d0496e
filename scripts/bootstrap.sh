#!/usr/bin/env bash
# Set up everything the build and the tests need, on a fresh Debian machine.
#   scripts/bootstrap.sh          Python venv (.venv) + npm packages (Pyodide)
#   scripts/bootstrap.sh --test   the same, plus Debian's browsers (chromium, firefox-esr, WebKitGTK's
#                                 driver and MiniBrowser with xvfb) and gettext
# Both install Debian's fonts-dejavu-core when missing (the social cards' font).
# Idempotent: each step is skipped when already done for the current pins.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[bootstrap] %s\n' "$*"; }
die() { printf '[bootstrap] error: %s\n' "$*" >&2; exit 1; }

# --- Python >= 3.12 (pyodide-build needs it; Debian's python3 here is 3.11) ---
find_python() {
  local cand v
  for cand in python3.12 python3.13 python3; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
      command -v "$cand"; return 0
    fi
  done
  if command -v pyenv >/dev/null 2>&1; then
    for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.1[23]\.[0-9]+$' | sort -V); do
      cand="$(pyenv root)/versions/$v/bin/python3"
      [ -x "$cand" ] && { echo "$cand"; return 0; }
    done
  fi
  return 1
}

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then
  PY=$(find_python) || die "Python 3.12 or 3.13 is needed and none was found.
  Install one, e.g. 'apt-get install -y python3.12 python3.12-venv' (Debian 13),
  or 'pyenv install 3.12', then run this again."
  say "creating .venv with $("$PY" --version) ($PY)"
  rm -rf .venv
  "$PY" -m venv .venv
fi

stamp=.venv/.pins-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  say "installing pinned Python packages"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python - <<'PY' > .venv/requirements.txt
import tomllib
data = tomllib.load(open("pyproject.toml", "rb"))["project"]
print("\n".join(data["dependencies"] + data["optional-dependencies"]["test"]))
PY
  .venv/bin/python -m pip install -q --disable-pip-version-check -r .venv/requirements.txt
  rm -f .venv/.pins-*
  touch "$stamp"
fi

# --- npm packages (the pinned Pyodide runtime, vendored into the build) ---
command -v npm >/dev/null 2>&1 || die "npm is needed (Node 20): apt-get install -y nodejs npm"
lockstamp=node_modules/.lock-$(sha256sum package-lock.json | cut -c1-16)
if [ ! -f "$lockstamp" ]; then
  say "installing npm packages (npm ci)"
  # puppeteer-core (Firefox in the tests) downloads no browser; the variable makes sure of it.
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
  touch "$lockstamp"
fi

# --- system packages: the build's font (social cards), then the test-only ones ---
missing=()
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] || missing+=(fonts-dejavu-core)  # pipeline/site/social_card.py
if [ "${1:-}" = "--test" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)  # tests/browser/engines (puppeteer-core, BiDi)
  [ -x /usr/bin/WebKitWebDriver ] || missing+=(webkit2gtk-driver)  # with MiniBrowser (Selenium)
  [ -x /usr/bin/Xvfb ] || missing+=(xvfb)  # MiniBrowser has no headless mode
  command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
  [ -x /usr/sbin/nginx ] || missing+=(nginx)
  [ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=(libnginx-mod-http-brotli-static)
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)  # the Nu HTML checker (vnu-jar)
fi
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
say "ready"
