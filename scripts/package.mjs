// Completes pkg/ after `wasm-pack build`: package.json gets what bundlers and Node 20 need
// to resolve the package (`exports`, `module`) and which Node it runs on; the types lose
// the `[Symbol.dispose]` declaration, which only compiles with TypeScript's
// `esnext.disposable` library (the method stays where the platform has it; `free()` is
// the portable way to release a client early); the JavaScript snippets (src/**/*.js) are
// folded into the glue, so a page importing pkg/ without a bundler fetches one script,
// not a script and then its snippets one round trip later; and the glue is minified
// (esbuild), as a page downloads it.
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { transformSync } from 'esbuild';

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
pkg.files = [...new Set([...pkg.files.filter((f) => f !== 'snippets'), 'LICENSE', 'README.md'])];
pkg.sideEffects = false;
writeFileSync(path, JSON.stringify(pkg, null, 2) + '\n');

const dtsPath = new URL(`../pkg/${pkg.types}`, import.meta.url);
const dts = readFileSync(dtsPath, 'utf8');
writeFileSync(dtsPath, dts.replace(/^\s*\[Symbol\.dispose\]\(\): void;\n/gm, ''));

/**
 * Each snippet becomes a scope of its own inside the glue, `const snippetN = (() => {
 * …; return { exported names }; })();`, and each import of it a binding of that object.
 * Snippets may only export functions (`export [async] function name`); anything else
 * stops the build rather than be folded wrongly.
 */
function foldSnippets(glue) {
  const importLine = /^import (\* as (\w+)|\{([^}]*)\}) from ['"](\.\/snippets\/[^'"]+)['"];?$/gm;
  const scopes = new Map();
  const folded = glue.replace(importLine, (_, __, namespace, names, file) => {
    if (!scopes.has(file)) {
      const source = readFileSync(new URL(`../pkg/${file.slice(2)}`, import.meta.url), 'utf8');
      const exported = [...source.matchAll(/^export (?:async )?function (\w+)/gm)].map((m) => m[1]);
      const body = source.replace(/^export (async )?function /gm, '$1function ');
      if (/^\s*export\b/m.test(body) || /^\s*import\b/m.test(body)) throw new Error(`${file}: only exported functions can be folded into the glue`);
      scopes.set(file, { name: `snippet${scopes.size}`, code: `(() => {\n${body}\nreturn { ${exported.join(', ')} };\n})()` });
    }
    const scope = scopes.get(file).name;
    return namespace ? `const ${namespace} = ${scope};` : `const {${names}} = ${scope};`;
  });
  const definitions = [...scopes.values()].map(({ name, code }) => `const ${name} = ${code};`).join('\n');
  // A leading `/* @ts-self-types=… */` directive stays first.
  const [, directive, rest] = folded.match(/^(\/\*[^]*?\*\/\n)?([^]*)$/);
  return `${directive ?? ''}${definitions}\n${rest}`;
}

/** The glue minified; the leading `/* @ts-self-types=… *\/` directive kept first. */
function minify(glue) {
  const [, directive, rest] = glue.match(/^(\/\*[^]*?\*\/\n)?([^]*)$/);
  const { code } = transformSync(rest, { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' });
  return `${directive ?? ''}${code}`;
}

const gluePath = new URL(`../pkg/${pkg.main}`, import.meta.url);
writeFileSync(gluePath, minify(foldSnippets(readFileSync(gluePath, 'utf8'))));
rmSync(new URL('../pkg/snippets', import.meta.url), { recursive: true });
