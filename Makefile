# Entry points. Each one bootstraps first, so a fresh machine needs nothing else.
#   make demo   build the package, start the local endpoint, serve the page (127.0.0.1)
#   make test   every test suite
#   make build  the optimized npm package in pkg/
#   make generate  src/model/generated/, src/entries/ and www/model.*.generated.js from model/*/
#   make docs   the API reference in docs/api/ (TypeDoc, from pkg/'s declarations)
#   make bench, make fuzz   not part of make test

WASM := scripts/wasm-env

.PHONY: bootstrap generate build demo docs test test-native test-wasm test-node test-browser test-engines test-package test-docs bench fuzz

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

test: test-native test-wasm test-node test-browser test-engines test-package test-docs

# What the library knows of each service, generated from its model (codegen/); commit the result.
generate:
	cargo run -q --manifest-path codegen/Cargo.toml

# Native: pure Rust logic, no browser; the generator's own tests, the generated files
# checked against what the models give now (stale ones fail), and every service's tables
# against its model's boundaries and patterns.
test-native: bootstrap
	cargo test --manifest-path codegen/Cargo.toml
	cargo run -q --manifest-path codegen/Cargo.toml -- --check
	cargo test

# The crate's wasm tests inside headless Chromium and headless Firefox ESR (webdriver.json
# holds Chromium's flags and Firefox's binary; geckodriver is the bootstrap's, never a download).
test-wasm: bootstrap
	$(WASM) wasm-pack test --headless --chrome -- --test web
	$(WASM) wasm-pack test --headless --firefox --geckodriver $(HOME)/.cargo/bin/geckodriver -- --test web

# Node 20 tests of the release package: the SigV4 suite, parity with botocore and the
# JS SDK's signer, the request on the wire and its errors, the local endpoint; and the
# client against a scripted server in Node, a Chromium page and a Web Worker, and under
# faults injected by a proxy in front of the local endpoint (beside the AWS SDK's backoff).
test-node: build
	node --test tests/node/ tests/client/

# Browser tests of the release package, as users get it (Chromium).
test-browser: build
	node --test tests/browser/

# The package and the page's main flows in all three engines, Chromium, Firefox ESR and
# WebKitGTK (Safari's engine), one after the other (tests/browser/engines.mjs; docs/browsers.md).
test-engines: build
	node --test --test-concurrency=1 tests/engines/

# The npm package as consumers get it: npm pack, a strict TypeScript consumer, Node 20,
# a Vite app in Chromium, and the examples of README.md and docs/ run as written.
test-package: build
	node --test tests/package/

# The API reference, generated from the package's .d.ts files by TypeDoc (typedoc.json), any
# warning an error. docs/api/ is output, not committed.
docs: build
	node node_modules/typedoc/bin/typedoc

# The reference built and holding the public names; README.md's size; every relative link
# and anchor of README.md and docs/*.md.
test-docs: docs
	node --test tests/docs/

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
