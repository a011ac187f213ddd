# Entry points. Each one bootstraps first, so a fresh machine needs nothing else.
#   make demo   build the package, start the local endpoint, serve the page (127.0.0.1)
#   make test   every test suite
#   make build  the optimized npm package in pkg/
#   make generate  src/model/generated.rs and www/model.generated.js from model/cleanroomsml/
#   make bench, make fuzz   not part of make test

WASM := scripts/wasm-env

.PHONY: bootstrap generate build demo test test-native test-wasm test-node test-browser test-package bench fuzz

bootstrap:
	@scripts/bootstrap.sh

# Release build. The crate is built as a cdylib alone: with the rlib the tests link against
# beside it, Cargo does no LTO (5 KB of gzip, bench/levers.md). Then wasm-bindgen, and
# scripts/package.mjs (wasm-opt from the npm package binaryen, see scripts/wasm-env).
build: bootstrap
	rm -rf pkg
	WASM_RELEASE=1 $(WASM) cargo rustc -q --lib --release --target wasm32-unknown-unknown --crate-type cdylib
	$(WASM) wasm-bindgen target/wasm32-unknown-unknown/release/cleanroomsml_wasm.wasm --out-dir pkg --target web
	node scripts/package.mjs

demo: build
	node scripts/demo.mjs

test: test-native test-wasm test-node test-browser test-package

# What the library knows of the service, generated from the model (codegen/); commit the result.
generate:
	cargo run -q --manifest-path codegen/Cargo.toml

# Native: pure Rust logic, no browser; the generator's own tests, and the generated files
# checked against what the model gives now (stale ones fail).
test-native: bootstrap
	cargo test --manifest-path codegen/Cargo.toml
	cargo run -q --manifest-path codegen/Cargo.toml -- --check
	cargo test

# The crate's wasm tests inside headless Chromium (webdriver.json holds its flags).
test-wasm: bootstrap
	$(WASM) wasm-pack test --headless --chrome -- --test web

# Node 20 tests of the release package: the SigV4 suite, parity with botocore and the
# JS SDK's signer, the request on the wire and its errors, the local endpoint; and the
# client against a scripted server in Node, a Chromium page and a Web Worker, and under
# faults injected by a proxy in front of the local endpoint (beside the AWS SDK's backoff).
test-node: build
	node --test tests/node/ tests/client/

# Browser tests of the release package, as users get it.
test-browser: build
	node --test tests/browser/

# The npm package as consumers get it: npm pack, a strict TypeScript consumer, Node 20,
# a Vite app in Chromium, and the README's examples run as written.
test-package: build
	node --test tests/package/

# Not part of `make test`: the benchmark against the AWS SDK v3 and aws4fetch, written to
# BENCHMARKS.md. Its baselines are installed here only. To see what a change moved:
# `node bench/ab.mjs COPY_OF_OLD_PKG pkg`.
bench: build
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	node bench/run.mjs

# Not part of `make test`: both fuzz targets for FUZZ_SECONDS each (see scripts/fuzz.sh).
FUZZ_SECONDS ?= 60
fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)
