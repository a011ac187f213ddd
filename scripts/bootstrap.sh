#!/usr/bin/env bash
# Makes a fresh machine ready to build, demo and test this project. Safe to run again:
# every step checks first and skips what is already there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

STEP="start"
trap 'echo "bootstrap: FAILED at step: $STEP" >&2' ERR
step() { STEP="$1"; echo "bootstrap: $1"; }
have() { command -v "$1" >/dev/null 2>&1; }

export DEBIAN_FRONTEND=noninteractive
apt_updated=""
apt_install() {
  local missing=()
  # "installed", not merely known: a removed package keeps its config files.
  for p in "$@"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  echo "bootstrap:   apt-get install ${missing[*]}"
  if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Installs a crate's binaries at an exact version: with its own Cargo.lock when the
# registry serves every version it names, otherwise resolved afresh (the registry here
# can lag behind the newest patch releases).
cargo_install() {
  echo "bootstrap:   cargo install $1 $2 (a few minutes, once)"
  cargo install -q --force --locked "$1" --version "$2" \
    || cargo install -q --force "$1" --version "$2"
}

# The Rust std for wasm32: the installed one if the toolchain has it, otherwise Debian's
# compiler with the std source (built by cargo: see scripts/wasm-env).
step "wasm32 standard library"
if [ "$(scripts/wasm-env printenv WASM_STD_MODE)" = build-std ]; then
  apt_install rustc-web cargo-web rust-web-src lld-22
fi
scripts/wasm-env

# The three engines the page and the package are tested in: Chromium (ChromeDriver, CDP),
# Firefox ESR (WebDriver BiDi; geckodriver below for wasm-pack test) and WebKitGTK, Safari's
# engine (WebKitWebDriver and MiniBrowser, which has no headless mode: Xvfb gives it a display).
step "Chromium, Firefox ESR, WebKitGTK and Xvfb (browser tests)"
apt_install chromium chromium-driver firefox-esr webkit2gtk-driver xvfb

# Tools built from crates.io. wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock.
step "wasm-pack"
if ! have wasm-pack && [ ! -x "$HOME/.cargo/bin/wasm-pack" ]; then
  cargo_install wasm-pack 0.15.1
fi

step "wasm-bindgen-cli"
bindgen_version="$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')"
[ -n "$bindgen_version" ] || { echo "bootstrap: no wasm-bindgen in Cargo.lock" >&2; false; }
installed="$("$HOME/.cargo/bin/wasm-bindgen" --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$installed" != "$bindgen_version" ]; then
  cargo_install wasm-bindgen-cli "$bindgen_version"
fi

step "geckodriver (wasm-pack test in Firefox)"
if [ "$("$HOME/.cargo/bin/geckodriver" --version 2>/dev/null | awk 'NR==1{print $2}')" != 0.37.1 ]; then
  cargo_install geckodriver 0.37.1
fi

# Node tools: wasm-opt (npm binaryen), playwright-core for the browser tests.
step "npm packages"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# Python tools for the tests, in a project venv so the machine's own Python packages are
# left as they are: botocore for the parity tests, awscli, and moto's server (tests/node/moto.mjs)
# for the credential providers. moto's own deps plus flask and flask-cors are all its server
# needs for cognito-identity and sts; moto[server] would add some 250 MB (cfn-lint, sympy…).
# A line missing from the freeze (a new or changed pin) reinstalls; else this takes a second.
step "Python test packages"
frozen="$(.venv/bin/python -m pip freeze 2>/dev/null || true)"
if ! grep -v '^#' tests/requirements.txt | while read -r req; do grep -qixF "$req" <<<"$frozen" || exit 1; done; then
  python3 -m venv .venv
  .venv/bin/python -m pip install -q --disable-pip-version-check -r tests/requirements.txt
fi

step "done"
