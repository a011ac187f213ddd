// What the two services listed, by value (an ARN, an account ID), with a name a person knows it
// by and its kind: the forms offer them as choices (operation-form.js), filtered to what a
// field's pattern accepts, and name the kind of a value given where another is expected.
import { matches, label } from './model.js';

/** value → { name, kind } */
const entries = new Map();

/** Records `value` as the `kind` (`ML input channel`) called `name`. */
export function know(value, name, kind) {
  entries.set(value, { name, kind });
}

/** Forgets `value` (a resource that failed cannot be named in an input). */
export function forget(value) {
  entries.delete(value);
}

/** The known values the pattern accepts, as `[value, 'name (kind)']`, in the order they were listed. */
export const choicesFor = (pattern) => [...entries].filter(([value]) => matches(pattern, value)).map(([value, { name, kind }]) => [value, `${name} (${kind})`]);

/** What `value` is known as: `{ name, kind }`, or undefined. */
export const known = (value) => entries.get(value);

/** `ml-input-channel` (or `mlInputChannel`) as words: `ML input channel`. */
export const words = (text) => label(text.replace(/-(\w)/g, (_, c) => c.toUpperCase())).replace(/^(?!ML|ARN|KMS|IAM|S3)(\w)/, (c) => c.toLowerCase());

/** The resource type an ARN names, as in it: `…:membership/<id>/ml-input-channel/<id>` → `ml-input-channel`. */
function typeOfArn(arn) {
  const parts = arn.split(':').slice(5).join(':').split('/');
  return parts[0] === 'membership' && parts.length > 2 ? parts[2] : parts[0];
}

/** The kind of resource an ARN names, in words: `ML input channel`; '' when it names none yet. */
export const kindOfArn = (arn) => (typeOfArn(arn) ? words(typeOfArn(arn)) : '');

/** Learns the name of the Clean Rooms (ML) resource an answer (a Get…'s, or a List…'s item) describes: its `name` and the ARN member of its own type (`mlInputChannelArn`). */
export function learn(item) {
  if (typeof item?.name !== 'string') return;
  for (const [member, value] of Object.entries(item)) {
    if (typeof value === 'string' && /^arn:[^:]+:cleanrooms(-ml)?:/.test(value) && member === `${typeOfArn(value).replace(/-(\w)/g, (_, c) => c.toUpperCase())}Arn`) know(value, item.name, kindOfArn(value));
  }
}
