// The form of any operation, built at run time from the model's input shapes
// (model.generated.js): structures as fieldsets, lists with Add and Remove, maps as key/value
// rows, unions as a choice of one member, enums as selects, numbers with their range,
// booleans as checkboxes, times as date-time inputs, ARN fields offering the ARNs seen in
// this session's answers, and a field whose pattern takes something the services listed
// (known.js: resources, member accounts) a choice of them by name beside it. Every editor returns `{ element, read }`; every field wrapper
// carries the path `validate` reports (`a.b[0]`, `tags["k"]`), so `showIssues` (form.js)
// puts each issue beside its field. Structural edits re-render the form from `read()`.
import { h, field, number, select, text } from './form.js';
import { operations, shapes, label, hint, isArnShape, matches } from './model.js';
import { seenArns } from './answer.js';
import { choicesFor } from './known.js';

const join = (path, name) => (path ? `${path}.${name}` : name);
/** What a member newly added or chosen starts as: containers empty, scalars unset. */
const initial = (shapeName) => ({ structure: {}, list: [], map: {} })[shapes[shapeName].type];
/** `2026-01-02T03:04:05` in local time, as a datetime-local input shows a Date. */
const localTime = (date) => new Date(date - date.getTimezoneOffset() * 60000).toISOString().slice(0, 19);

/** A control for a scalar shape and how to read it; `keep` keeps an empty string (list items, map values). */
function control(shape, value, ctx, { required, keep } = {}) {
  if (shape.enum) {
    const choice = select(value, shape.enum);
    return { control: choice, read: () => choice.value || undefined };
  }
  if (shape.type === 'boolean') {
    const box = h('input', { type: 'checkbox', checked: value === true });
    return { control: box, read: () => (box.checked ? true : required ? false : undefined) };
  }
  if (shape.type === 'timestamp') {
    const date = value === undefined || value === '' ? null : new Date(value);
    const input = h('input', { type: 'datetime-local', step: 1, value: date && !Number.isNaN(+date) ? localTime(date) : '' });
    return { control: input, read: () => (input.value ? new Date(input.value) : undefined) };
  }
  if (shape.type !== 'string') {
    const input = number(value, shape);
    return { control: input, read: () => (input.value === '' ? undefined : Number(input.value)) };
  }
  // Long text, or text with line breaks (which an input drops), in a textarea.
  const input = isArnShape(shape) ? text(value, { list: ctx.arnList(shape) })
    : shape.max > 1000 || /[\r\n]/.test(value) ? h('textarea', { value: value ?? '', spellcheck: false }) : text(value);
  return { control: input, read: () => (input.value === '' && !keep ? undefined : input.value) };
}

/** The pattern of the values a field names that the services list: an ARN's, or an account ID's (by the member's name: some have no pattern). */
const ACCOUNT_ID = '[0-9]{12}';
const listedPattern = (shape, path) => (isArnShape(shape) ? shape.pattern : shape.type === 'string' && /accountIds?(\[\d+\])?$/i.test(path) ? ACCOUNT_ID : null);

/** A choice by name of the known values (`[value, text]`) for `input`, which it fills; typing stays possible. */
function picker(input, choices) {
  if (!choices.length) return null;
  const choice = h('select', { onchange: () => { input.value = choice.value; input.dispatchEvent(new Event('input', { bubbles: true })); } },
    h('option', { value: '' }, '(choose by name, or type above)'), choices.map(([value, text]) => h('option', { value, selected: value === input.value }, text)));
  input.addEventListener('input', () => { choice.value = choices.some(([value]) => value === input.value) ? input.value : ''; });
  return choice;
}

/** The editor of the member at `path`: `{ element, read }`. */
function editor(shapeName, path, value, text, required, ctx) {
  const shape = shapes[shapeName];
  const note = [required ? 'required' : '', hint(shape)].filter(Boolean).join('; ');
  if (shape.type === 'structure') return (shape.union ? union : structure)(shape, path, value, text, required, ctx, note);
  if (shape.type === 'list') return list(shape, path, value, text, required, ctx, note);
  if (shape.type === 'map') return map(shape, path, value, text, required, ctx, note);
  const { control: input, read } = control(shape, value, ctx, { required, keep: ctx.keep });
  const element = field(path, text, input, note ? `(${note})` : '');
  const pattern = listedPattern(shape, path);
  const choice = pattern && picker(input, choicesFor(pattern));
  if (choice) {
    choice.setAttribute('aria-label', `Choose ${text} by name`);
    element.insertBefore(choice, element.querySelector(':scope > .issues'));
  }
  return { element, read };
}

/** A fieldset for a container member; an optional one has a checkbox that includes it. */
function group(path, text, required, present, ctx, note, children) {
  const legend = required
    ? h('legend', {}, text)
    : h('legend', {}, h('label', { class: 'check' }, h('input', { type: 'checkbox', checked: present, onchange: (e) => ctx.restructure(path, e.target.checked ? {} : undefined, path) }), text));
  return h('fieldset', { 'data-path': path }, legend, note ? h('p', { class: 'hint' }, note) : null, h('ul', { class: 'issues' }), children);
}

function structure(shape, path, value, text, required, ctx, note) {
  const present = value !== undefined || required;
  const parts = present
    ? Object.entries(shape.members).map(([name, m]) => [name, editor(m.shape, join(path, name), value?.[name], label(name), m.required, { ...ctx, keep: false })])
    : [];
  const read = () => (present ? Object.fromEntries(parts.map(([name, e]) => [name, e.read()]).filter(([, v]) => v !== undefined)) : undefined);
  const children = parts.map(([, e]) => e.element);
  if (!path) return { element: h('div', {}, children), read };
  return { element: group(path, text, required, present, ctx, note.replace(/^required$/, ''), children), read };
}

function union(shape, path, value, text, required, ctx, note) {
  const chosen = value && Object.keys(value).find((name) => shape.members[name]);
  const choice = h('select', {
    onchange: () => ctx.restructure(path, choice.value ? { [choice.value]: initial(shape.members[choice.value].shape) } : undefined, path),
  }, h('option', { value: '' }, required ? '(choose one)' : '(none)'), Object.keys(shape.members).map((name) => h('option', { value: name, selected: name === chosen }, label(name))));
  const inner = chosen && editor(shape.members[chosen].shape, join(path, chosen), value[chosen], label(chosen), true, { ...ctx, keep: false });
  const element = h('fieldset', { class: 'union' }, h('legend', {}, text),
    field(path, `${text}: one of`, choice, `(${[required ? 'required' : '', 'choose a member; its fields appear below'].filter(Boolean).join('; ')})`),
    inner?.element);
  return { element, read: () => (chosen ? { [chosen]: inner.read() } : undefined) };
}

function list(shape, path, value, text, required, ctx, note) {
  const items = Array.isArray(value) ? value : [];
  const parts = items.map((item, i) => editor(shape.member, `${path}[${i}]`, item, `${text} ${i + 1}`, true, { ...ctx, keep: true }));
  const read = () => (parts.length || required ? parts.map((p) => p.read()) : undefined);
  const rows = parts.map((p, i) => h('div', { class: 'entry' }, p.element,
    h('button', { type: 'button', 'aria-label': `Remove ${text} ${i + 1}`, onclick: () => ctx.restructure(path, read().filter((_, j) => j !== i), path) }, 'Remove')));
  const add = h('button', {
    type: 'button', 'aria-label': `Add to ${text}`, disabled: parts.length >= (shape.max ?? Infinity),
    onclick: () => ctx.restructure(path, [...(read() ?? []), initial(shape.member)], `${path}[${parts.length}]`),
  }, 'Add');
  return { element: group(path, text, true, true, ctx, note, [rows, add]), read };
}

function map(shape, path, value, text, required, ctx, note) {
  const rows = Object.entries(value ?? {}).map(([key, item], i) => {
    const k = h('input', { value: key, spellcheck: false, 'aria-label': `${text} key ${i + 1}` });
    const v = control(shapes[shape.value], item, ctx, { keep: true });
    v.control.setAttribute('aria-label', `${text} value ${i + 1}`);
    const row = h('div', { class: 'row field', 'data-path': `${path}[${JSON.stringify(key)}]` }, k, v.control);
    k.addEventListener('input', () => row.setAttribute('data-path', `${path}[${JSON.stringify(k.value)}]`));
    return { row, k, v };
  });
  const read = () => (rows.length || required ? Object.fromEntries(rows.map(({ k, v }) => [k.value, v.read()])) : undefined);
  rows.forEach(({ row }, i) => row.append(
    h('button', { type: 'button', 'aria-label': `Remove ${text} row ${i + 1}`, onclick: () => ctx.restructure(path, Object.fromEntries(Object.entries(read()).filter((_, j) => j !== i)), path) }, 'Remove'),
    h('ul', { class: 'issues' })));
  const add = h('button', { type: 'button', 'aria-label': `Add a row to ${text}`, onclick: () => ctx.restructure(path, { ...read(), '': '' }, `${path}[""]`) }, 'Add');
  return { element: group(path, text, true, true, ctx, note, [rows.map((r) => r.row), add]), read };
}

/** Sets the member at `path` (`a.b[0].c`, `tags["k"]`) of `target` to `value` (unset when undefined). */
function setAt(target, path, value) {
  const steps = [...path.matchAll(/\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|([^.[\]]+)/g)].map(([, index, key, name]) => (index !== undefined ? Number(index) : key !== undefined ? JSON.parse(`"${key}"`) : name));
  const last = steps.pop();
  for (const step of steps) target = target[step];
  if (value === undefined && !Array.isArray(target)) delete target[last];
  else target[last] = value;
}

/**
 * Renders the form of `operation` for `input` into `container`; `onchange()` follows every
 * structural edit (edits of a field bubble as `input` events). Returns `read()`, the input
 * the form now describes.
 */
export function renderOperationForm(container, operation, input, onchange) {
  let current;
  const render = (state) => {
    const lists = new Map();
    const ctx = {
      keep: false,
      restructure,
      // One datalist per ARN shape: the ARNs seen this session that its pattern takes.
      arnList(shape) {
        if (!lists.has(shape.pattern)) lists.set(shape.pattern, h('datalist', { id: `arns-${lists.size + 1}` }, [...seenArns].filter((arn) => matches(shape.pattern, arn)).map((arn) => h('option', { value: arn }))));
        return lists.get(shape.pattern).id;
      },
    };
    current = editor(operations[operation].input, '', state, operation, true, ctx);
    container.replaceChildren(current.element, ...lists.values());
  };
  function restructure(path, value, focusPath) {
    const next = current.read();
    setAt(next, path, value);
    render(next);
    container.querySelector(`[data-path="${CSS.escape(focusPath)}"] :is(input, select, textarea)`)?.focus();
    onchange();
  }
  render(structuredClone(input));
  return () => current.read();
}
