#!/usr/bin/env bash
# `make fuzz`: runs each fuzz target for a bounded time (seconds, default 60) with
# cargo-fuzz (libFuzzer; needs the nightly toolchain, which these machines carry), seeded
# from tests/fuzz-corpus/<target>. Crash reproducers are copied into that folder, where
# `cargo test` (tests/fuzz_regressions.rs) runs them from then on.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds="${1:-60}"

rustup toolchain list | grep -q '^nightly' || { echo "fuzz: needs the nightly Rust toolchain (rustup toolchain list)" >&2; exit 1; }
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz (once)"
  cargo install -q --locked cargo-fuzz || cargo install -q cargo-fuzz
fi

for target in request response; do
  mkdir -p "fuzz/corpus/$target"
  rm -rf "fuzz/artifacts/$target"
  echo "fuzz: $target for ${seconds}s"
  cargo +nightly fuzz run "$target" "fuzz/corpus/$target" "tests/fuzz-corpus/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 2>&1 | tee "fuzz/$target.log" | grep -E "^(#[0-9]+ +DONE|==[0-9]+==|SUMMARY)" || true
  found=$(find "fuzz/artifacts/$target" -type f 2>/dev/null | wc -l)
  if [ "$found" -gt 0 ]; then
    cp fuzz/artifacts/"$target"/* "tests/fuzz-corpus/$target/"
    echo "fuzz: $target found $found crash(es); reproducers copied to tests/fuzz-corpus/$target" >&2
    exit 1
  fi
done
echo "fuzz: no crashes"
