// What the two services listed, by value (an ARN, an account ID), with a name a person knows it
// by and its kind: the forms offer them as choices (operation-form.js), filtered to what a
// field's pattern accepts, and name the kind of a value given where another is expected.
import { matches } from './model.js';

/** value → { name, kind } */
const entries = new Map();

/** Records `value` as the `kind` (`ML input channel`) called `name`. */
export function know(value, name, kind) {
  entries.set(value, { name, kind });
}

/** The known values the pattern accepts, as `[value, 'name (kind)']`, in the order they were listed. */
export const choicesFor = (pattern) => [...entries].filter(([value]) => matches(pattern, value)).map(([value, { name, kind }]) => [value, `${name} (${kind})`]);

/** What `value` is known as: `{ name, kind }`, or undefined. */
export const known = (value) => entries.get(value);
