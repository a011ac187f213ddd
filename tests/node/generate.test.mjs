// The test generator itself (generate.mjs), which the parity tests rely on: each of the
// model's patterns is compiled and yields strings that match it (JavaScript's RegExp, the
// `u` flag, as scripts/service-model.mjs reads the model) at every length the member
// allows, from its least to its greatest (up to the generator's cap); syntax outside the
// subset the model uses is refused by name; and inputs and answers of every operation are
// valid by the local endpoint's independent reading of the model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rng, parsePattern, patternGenerator, patternLengths, MODEL_OPERATIONS, modelInput, modelOutput } from './generate.mjs';
import { model, patternRegExp, violations, outputViolations } from '../../scripts/service-model.mjs';

const LONGEST = 10_240;

test('every pattern of the model yields matching strings of every allowed length, edges included', () => {
  const specs = new Map();
  for (const shape of Object.values(model.shapes)) {
    if (shape.type === 'string' && shape.pattern !== undefined) specs.set(JSON.stringify([shape.pattern, shape.min ?? 0, shape.max ?? null]), shape);
  }
  const patterns = new Set([...specs.values()].map((s) => s.pattern));
  assert.ok(patterns.size >= 30, `the model's 30 distinct patterns, at least: ${patterns.size}`);
  const r = rng(11);
  for (const shape of specs.values()) {
    const { pattern } = shape;
    const min = shape.min ?? 0;
    const max = shape.max ?? Infinity;
    const gen = patternGenerator(pattern, min, max);
    const re = patternRegExp(pattern);
    const lengths = new Set();
    for (let i = 0; i < 300; i++) {
      const s = gen(r);
      const n = [...s].length;
      assert.ok(re.test(s), `${pattern}: ${JSON.stringify(s)}`);
      assert.ok(n >= min && n <= max, `${pattern}: length ${n} outside [${min}, ${max}]`);
      assert.ok(s.isWellFormed(), `${pattern}: a lone surrogate in ${JSON.stringify(s)}`);
      lengths.add(n);
    }
    // From the least the member and the pattern allow to the greatest (an ARN's fixed
    // prefix is longer than its minimum; a UUID cannot reach a larger maximum).
    const [plo, phi] = patternLengths(pattern);
    assert.equal(Math.min(...lengths), Math.max(min, plo), `${pattern}: the shortest`);
    const longest = Math.min(max, phi, LONGEST);
    assert.equal(Math.max(...lengths), longest, `${pattern}: the longest`);
  }
});

test('syntax outside the model\'s subset is refused by name', () => {
  for (const [pattern, words] of [
    ['a(?<=b)', /group modifier/], ['a*?', /lazy/], ['a++', /possessive/], ['\\pL', /\\p escape without a \{Property\}/],
    ['(a)\\1', /escape \\1/], ['[a-z', /unclosed class/], ['(a', /unclosed group/], ['*a', /quantifier/],
    ['[[a]]', /nested class/], ['[z-a]', /reversed range/], ['a{2', /malformed/], ['\\bword', /escape \\b/],
  ]) {
    assert.throws(() => parsePattern(pattern), words, pattern);
  }
  // And what the model uses is read: classes, escapes, groups, alternation, counts, the look-ahead.
  for (const pattern of ['[\\u0020-\\uD7FF\\t]*', '(?!\\s*$)x', '(a|bc){2,3}d?e+f*', '[\\d\\w-]+', '\\#\\ \\_']) parsePattern(pattern);
  // Clean Rooms' Unicode property classes, read as the platform's RegExp reads them: every string made matches.
  const unicode = '[\\p{L}\\p{M}\\p{N}\\p{Pc}\\p{Pd}\\p{Zs}.]+';
  const gen = patternGenerator(unicode, 1, 50);
  const r = rng(13);
  const made = Array.from({ length: 200 }, () => gen(r));
  assert.ok(made.every((s) => patternRegExp(unicode).test(s)), made.find((s) => !patternRegExp(unicode).test(s)));
  assert.ok(made.some((s) => /[^\x00-\x7f]/.test(s)), 'beyond ASCII');
});

test('inputs and answers of every operation are valid by the local endpoint\'s reading of the model', () => {
  const r = rng(12);
  for (const operation of MODEL_OPERATIONS) {
    const { input, output } = model.operations[operation];
    for (let i = 0; i < 15; i++) {
      const value = JSON.parse(JSON.stringify(modelInput(r, operation)));
      if (input) assert.deepEqual(violations(input.shape, value), [], `${operation} input ${i}`);
      const answer = modelOutput(r, operation, { optional: i % 3 === 0 ? 1 : 0.5 });
      if (output) assert.deepEqual(outputViolations(output.shape, answer), [], `${operation} answer ${i}`);
      else assert.deepEqual(answer, {});
    }
  }
});
