// Completes pkg/ after `wasm-bindgen` (see `make build`): the wasm is optimised (wasm-opt);
// package.json is written from Cargo.toml with what bundlers and Node 20 need to resolve the
// package (`exports`, `module`) and which Node it runs on; the types lose
// the `[Symbol.dispose]` declaration, which only compiles with TypeScript's
// `esnext.disposable` library (the method stays where the platform has it; `free()` is
// the portable way to release a client early). The glue becomes the runtime, `runtime.js`:
// the JavaScript snippets (src/**/*.js) are folded into it, so a page without a bundler
// fetches one script for them, not a script and then its snippets one round trip later;
// `service` (src/js/entry.js), which binds the runtime to a service's tables, is appended,
// since it extends the glue's own class (one export each, however many operations); it is
// minified (esbuild), as a page downloads it, with the wasm's import and export names made
// short; long strings are copied into the module by TextEncoder rather than a character at
// a time; and the instance's exports are guarded (src/js/guard.js: a trap is an
// `InternalError`). Each service's entry point (src/entries/NAME.js, generated) is written
// beside it with the service's tables in: the first service's as the main entry.
// The credential providers (src/credentials/) are a module of their own, bundled and
// minified beside it, so that only the pages that import them load them.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSync, transformSync } from 'esbuild';

const root = new URL('../', import.meta.url);
const cargo = readFileSync(new URL('Cargo.toml', root), 'utf8');
/** A `key = "value"` (or `key = [ "a", … ]`) of Cargo.toml's `[package]` table. */
const field = (key) => {
  const line = cargo.slice(0, cargo.indexOf('\n[', cargo.indexOf('[package]') + 1)).match(new RegExp(`^${key} = (.*)$`, 'm'));
  if (!line) throw new Error(`package: Cargo.toml's [package] has no ${key}`);
  return JSON.parse(line[1]);
};
const base = field('name').replaceAll('-', '_');
// The services, in the generator's order (src/model/generated.rs): the first is the main
// entry (`./${base}.js`), each other one `./NAME.js` (the export `cleanroomsml-wasm/NAME`).
const services = [...readFileSync(new URL('src/model/generated.rs', root), 'utf8').matchAll(/^pub mod (\w+);$/gm)].map((m) => m[1]);
const entries = services.map((name, i) => ({ name, file: i === 0 ? base : name }));
const js = `./${base}.js`;
const types = `./${base}.d.ts`;
const runtime = './runtime.js';
const runtimeTypes = './runtime.d.ts';
const wasm = `./${base}_bg.wasm`;
const providers = './credential-providers.js';
const providerTypes = './credential-providers.d.ts';
const pkg = {
  name: field('name'),
  type: 'module',
  description: field('description'),
  version: field('version'),
  license: field('license'),
  files: [wasm, runtime, runtimeTypes, ...entries.flatMap(({ file }) => [`./${file}.js`, `./${file}.d.ts`]), providers, providerTypes, './LICENSE', './README.md'].map((f) => f.slice(2)),
  main: js.slice(2),
  types: types.slice(2),
  sideEffects: false,
  keywords: field('keywords'),
  module: js,
  exports: {
    '.': { types, default: js },
    ...Object.fromEntries(entries.slice(1).map(({ name, file }) => [`./${name}`, { types: `./${file}.d.ts`, default: `./${file}.js` }])),
    './credential-providers': { types: providerTypes, default: providers },
    // For Node (`initSync`) and for bundlers that copy the module themselves.
    [wasm]: wasm,
    './package.json': './package.json',
  },
  engines: { node: '>=20' },
};
const path = new URL('pkg/package.json', root);
writeFileSync(path, JSON.stringify(pkg, null, 2) + '\n');
for (const file of ['README.md', 'LICENSE']) copyFileSync(new URL(file, root), new URL(`pkg/${file}`, root));
writeFileSync(new URL('pkg/.gitignore', root), '*\n');

// -Os, without binaryen's memory packing: it splits the data at runs of zeros, which saves
// raw bytes but costs gzip (the generated tables hold many small zeros: -0.7 KB without it).
const wasmOpt = fileURLToPath(new URL('node_modules/.bin/wasm-opt', root));
const wasmPath = fileURLToPath(new URL(`pkg/${wasm.slice(2)}`, root));
// Then binaryen's whole-module flow analysis (GUFA: values and types that reach each place)
// and -Os once more on what it simplified (30 B of gzip).
execFileSync(wasmOpt, ['-Os', '--gufa', '-Os', '--skip-pass=memory-packing', wasmPath, '-o', wasmPath]);

// wasm-bindgen's glue and its types become the runtime, which the entries import.
const dtsPath = new URL(`../pkg/${runtimeTypes.slice(2)}`, import.meta.url);
renameSync(new URL(`../pkg/${pkg.types}`, import.meta.url), dtsPath);
const dts = readFileSync(dtsPath, 'utf8');
writeFileSync(dtsPath, dts.replace(/^\s*\[Symbol\.dispose\]\(\): void;\n/gm, ''));

/**
 * Each snippet becomes a scope of its own inside the glue, `const snippetN = (() => {
 * …; return { exported names }; })();`, and each import of it a binding of that object.
 * Snippets may only export functions (`export [async] function[*] name`); anything else
 * stops the build rather than be folded wrongly.
 */
function foldSnippets(glue) {
  const importLine = /^import (\* as (\w+)|\{([^}]*)\}) from ['"](\.\/snippets\/[^'"]+)['"];?$/gm;
  const scopes = new Map();
  const folded = glue.replace(importLine, (_, __, namespace, names, file) => {
    if (!scopes.has(file)) {
      const source = readFileSync(new URL(`../pkg/${file.slice(2)}`, import.meta.url), 'utf8');
      const exported = [...source.matchAll(/^export (?:async )?function\*? ?(\w+)/gm)].map((m) => m[1]);
      const body = source.replace(/^export (async )?function(\*?) ?/gm, '$1function$2 ');
      if (/^\s*export\b/m.test(body) || /^\s*import\b/m.test(body)) throw new Error(`${file}: only exported functions can be folded into the glue`);
      scopes.set(file, { name: `snippet${scopes.size}`, code: `(() => {\n${body}\nreturn { ${exported.join(', ')} };\n})()` });
    }
    const scope = scopes.get(file).name;
    return namespace ? `const ${namespace} = ${scope};` : `const {${names}} = ${scope};`;
  });
  const definitions = [...scopes.values()].map(({ name, code }) => `const ${name} = ${code};`).join('\n');
  const [directive, rest] = splitDirective(folded);
  return `${directive}${definitions}\n${rest}`;
}

/** The glue's leading `/* @ts-self-types=… *\/` directive (or '') and the rest: the directive stays first. */
function splitDirective(glue) {
  const [, directive, rest] = glue.match(/^(\/\*[^]*?\*\/\n)?([^]*)$/);
  return [directive ?? '', rest];
}

/** The glue minified, its directive kept first. */
function minify(glue) {
  const [directive, rest] = splitDirective(glue);
  const { code } = transformSync(rest, { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' });
  return `${directive}${code}`;
}

/**
 * The wasm's import module, import names and export names made one or two letters long
 * (binaryen's `--minify-imports-and-exports-and-modules`, which prints what it renamed),
 * and the glue and the types renamed to match: wasm-bindgen's names, with their hashes, are
 * about 1.5 KB of the gzip. The glue reaches imports as `name: function` in one object keyed
 * by the module, exports as `wasm.name`; anything else would stop the build here.
 */
function minifyNames(glue, typeFiles) {
  // The last pass over the wasm also drops the producers and target-features sections,
  // which nothing reads at run time (0.2 KB of gzip).
  const printed = execFileSync(wasmOpt, ['--minify-imports-and-exports-and-modules', '--strip-producers', '--strip-target-features', wasmPath, '-o', wasmPath], { encoding: 'utf8' });
  const renamed = JSON.parse(printed.slice(printed.indexOf('{')));
  const replaceAll = (text, pattern, replacement, what) => {
    const next = text.replace(pattern, replacement);
    if (next === text) throw new Error(`package: ${what} not found in the glue`);
    return next;
  };
  // Every module becomes "a": the glue's own imports are renamed where they are defined;
  // the snippets' functions (one namespace object each) join that object under their names.
  const bgModule = `./${wasm.slice(2).replace(/\.wasm$/, '.js')}`;
  const namespaces = Object.fromEntries([...glue.matchAll(/^\s*"([^"]+)": (import\d+),$/gm)].map(([, module, name]) => [module, name]));
  if (namespaces[bgModule] !== 'import0') throw new Error('package: the glue\'s import object is not as expected');
  let out = glue;
  const joined = [];
  for (const [module, name, short] of renamed.imports) {
    if (module === bgModule) out = replaceAll(out, new RegExp(`\\b${name}:`, 'g'), `${short}:`, `import ${name}`);
    else if (namespaces[module]) joined.push(`${short}: ${namespaces[module]}.${name},`);
    else throw new Error(`package: no namespace for ${module}`);
  }
  out = replaceAll(out, /^(\s*)"[^"]+": import\d+,\n(?:\s*"[^"]+": import\d+,\n)*/m, '$1"a": import0,\n', 'the import modules');
  out = replaceAll(out, /const import0 = \{\n(\s*)__proto__: null,\n/, (all, indent) => `${all}${joined.map((line) => `${indent}${line}\n`).join('')}`, 'the import object');
  for (const [name, short] of renamed.exports) out = out.replace(new RegExp(`\\bwasm\\.${name}\\b`, 'g'), `wasm.${short}`);
  for (const file of typeFiles) {
    let types = readFileSync(file, 'utf8');
    for (const [name, short] of renamed.exports) types = types.replace(new RegExp(`(readonly |export const )${name}\\b`, 'g'), `$1${short}`);
    writeFileSync(file, types);
  }
  const shorts = new Set(renamed.exports.map(([, short]) => short));
  const stale = [...out.matchAll(/\bwasm\.([A-Za-z_$][\w$]*)/g)].map(([, name]) => name).filter((name) => !shorts.has(name));
  if (stale.length) throw new Error(`package: the glue still uses the exports ${[...new Set(stale)]}`);
  return out;
}

/**
 * The instance's exports wrapped by src/js/guard.js's `guarded` (appended to the glue):
 * a trap becomes an `InternalError`, and every call after it one too.
 */
function guard(glue) {
  const source = readFileSync(new URL('../src/js/guard.js', import.meta.url), 'utf8');
  const at = 'wasm = instance.exports;';
  if (glue.split(at).length !== 2) throw new Error('package: the glue does not set `wasm` once as expected');
  return `${glue.replace(at, 'wasm = guarded(instance.exports);')}\n${source.replace(/^export function/m, 'function')}`;
}

/**
 * wasm-bindgen copies a string into the module a character at a time in JavaScript: the
 * fastest way for a short one, 2.7× slower than `TextEncoder.encodeInto` for 54 KB in
 * Chromium (the two are even near 300 characters). From 512 characters the string is
 * encoded into the module's memory at once; when it is not all ASCII (`encodeInto` stopped
 * before its end), wasm-bindgen's own path encodes it again from its start.
 */
function longStrings(glue) {
  const loop = '    for (; offset < len; offset++) {';
  // The names the inserted line uses must be the glue's own (wasm-bindgen 0.2.130's).
  const uses = ['const mem = getUint8ArrayMemory0();', 'cachedTextEncoder.encodeInto(arg, view)', 'let ptr = malloc(len, 1) >>> 0;'];
  if (glue.split(loop).length !== 2 || !uses.every((line) => glue.includes(line))) throw new Error("package: the glue's string copy is not the loop expected");
  const atOnce = '    if (len >= 512 && cachedTextEncoder.encodeInto(arg, mem.subarray(ptr, ptr + len)).read === len) offset = len;\n    else ';
  return glue.replace(loop, `${atOnce}${loop.trimStart()}`);
}

const gluePath = new URL(`../pkg/${pkg.main}`, import.meta.url);
const typeFiles = [dtsPath, new URL(`../pkg/${wasm.slice(2).replace(/\.wasm$/, '.wasm.d.ts')}`, import.meta.url)];
const binding = readFileSync(new URL('src/js/entry.js', root), 'utf8');
const glue = readFileSync(gluePath, 'utf8').replace(`@ts-self-types="${types}"`, `@ts-self-types="${runtimeTypes}"`);
rmSync(gluePath);
writeFileSync(new URL(`pkg/${runtime.slice(2)}`, root), minify(`${guard(longStrings(foldSnippets(minifyNames(glue, typeFiles))))}\n${binding}`));
rmSync(new URL('../pkg/snippets', import.meta.url), { recursive: true });

// Each entry with its service's tables in, as a string (printable ASCII: codegen/src/tables.rs).
for (const { name, file } of entries) {
  const source = readFileSync(new URL(`src/entries/${name}.js`, root), 'utf8');
  const tables = readFileSync(new URL(`src/model/generated/${name}.tables`, root), 'utf8');
  const placeholder = /^  TABLES,$/m;
  if (!placeholder.test(source)) throw new Error(`package: src/entries/${name}.js has no tables placeholder`);
  writeFileSync(new URL(`pkg/${file}.js`, root), minify(source.replace(placeholder, () => `  ${JSON.stringify(tables)},`)));
  copyFileSync(new URL(`src/entries/${name}.d.ts`, root), new URL(`pkg/${file}.d.ts`, root));
}

buildSync({
  entryPoints: [fileURLToPath(new URL('src/credentials/providers.js', root))],
  outfile: fileURLToPath(new URL(`pkg/${providers.slice(2)}`, root)),
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync(new URL('src/credentials/providers.d.ts', root), new URL(`pkg/${providerTypes.slice(2)}`, root));
