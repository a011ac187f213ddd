// Completes pkg/ after `wasm-pack build`: package.json gets what bundlers and Node 20 need
// to resolve the package (`exports`, `module`) and which Node it runs on; the types lose
// the `[Symbol.dispose]` declaration, which only compiles with TypeScript's
// `esnext.disposable` library (the method stays where the platform has it; `free()` is
// the portable way to release a client early).
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../pkg/package.json', import.meta.url);
const pkg = JSON.parse(readFileSync(path, 'utf8'));
const js = `./${pkg.main}`;
const types = `./${pkg.types}`;
const wasm = `./${pkg.files.find((f) => f.endsWith('.wasm'))}`;

pkg.module = js;
pkg.exports = {
  '.': { types, default: js },
  // For Node (`initSync`) and for bundlers that copy the module themselves.
  [wasm]: wasm,
  './package.json': './package.json',
};
pkg.engines = { node: '>=20' };
pkg.files = [...new Set([...pkg.files, 'LICENSE', 'README.md'])];
writeFileSync(path, JSON.stringify(pkg, null, 2) + '\n');

const dtsPath = new URL(`../pkg/${pkg.types}`, import.meta.url);
const dts = readFileSync(dtsPath, 'utf8');
writeFileSync(dtsPath, dts.replace(/^\s*\[Symbol\.dispose\]\(\): void;\n/gm, ''));
