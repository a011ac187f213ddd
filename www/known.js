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

/** The statuses this page saw each resource in, by ARN: `[{ status, at }]`, a new entry when the status changes. */
const seen = new Map();

/** Notes that the resource `arn` is in `status` now. */
export function observe(arn, status) {
  if (!status) return;
  const timeline = seen.get(arn) ?? [];
  if (timeline.at(-1)?.status !== status) timeline.push({ status, at: new Date() });
  seen.set(arn, timeline);
}

/** The statuses seen of `arn`, oldest first. */
export const timelineOf = (arn) => seen.get(arn) ?? [];

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

/** Learns the name and status of the Clean Rooms (ML) resource an answer (a Get…'s, or a List…'s item) describes. */
export function learn(item) {
  const own = ownArn(item);
  if (own && typeof item.name === 'string') know(own, item.name, kindOfArn(own));
  if (own) observe(own, item.status);
}

/** The ARN of the resource an answer describes: the member named for its own type (`mlInputChannelArn`), or Clean Rooms' `arn`. */
export const ownArn = (item) => Object.entries(item ?? {}).find(([member, value]) => typeof value === 'string'
  && /^arn:[^:]+:cleanrooms(-ml)?:/.test(value) && (member === 'arn' || member === `${typeOfArn(value).replace(/-(\w)/g, (_, c) => c.toUpperCase())}Arn`))?.[1];
