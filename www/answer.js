// Answers as a person reads them: the output as a tree of labelled definition lists, times
// in local time (the ISO value in `datetime` and the title), each ARN a link to the view
// that gets its resource; a List… answer as a table of its items with "Load more" while
// there is a nextToken; an error as its name, message, HTTP status and request ID, with the
// issues it names for the form's fields. The ARNs seen are kept for the forms' ARN fields.
import { h } from './form.js';
import { dl, copyable } from './console.js';
import { operations, shapes, label, getFor, operationsFor, isArnShape, toParams, service, SERVICES } from './model.js';
import { learn, ownArn, timelineOf } from './known.js';
import { relevanceChart } from './chart.js';

const ARNS_KEY = 'cleanroomsml-wasm.arns';
const ARN = /^arn:aws[-a-z]*:/;

/** The ARNs seen in answers this session (sessionStorage: not secrets), for the forms' ARN fields. */
export const seenArns = new Set(JSON.parse(sessionStorage.getItem(ARNS_KEY) ?? '[]'));

function remember(arn) {
  if (seenArns.has(arn)) return;
  seenArns.add(arn);
  sessionStorage.setItem(ARNS_KEY, JSON.stringify([...seenArns]));
}

/**
 * The hash of the view of an operation of service `name`, with its input prefilled:
 * `#op/GetTrainingDataset?trainingDatasetArn=…` (Clean Rooms ML), `#cleanrooms/GetMembership?…`.
 */
export function opHash(operation, input = {}, name = service) {
  const query = toParams(input);
  return `#${SERVICES[name].hash}/${operation}${query ? `?${query}` : ''}`;
}

/** A time in local time; its ISO value is the `datetime` and the title. */
export function time(date) {
  const iso = date.toISOString();
  return h('time', { dateTime: iso, title: iso }, date.toLocaleString());
}

/** A scalar of an answer: a time, an ARN (a link to the Get of its resource, when there is one), or text. */
function scalar(value) {
  if (value instanceof Date) return time(value);
  if (typeof value === 'string' && ARN.test(value)) {
    remember(value);
    const get = getFor(value);
    if (get) return h('a', { href: opHash(get.operation, get.input, get.service), class: 'arn' }, value);
  }
  return String(value);
}

/** `value` of the shape `shapeName` as a tree: structures and maps as definition lists, lists as ordered lists. */
export function tree(shapeName, value) {
  const shape = shapes[shapeName] ?? {};
  if (value === null || typeof value !== 'object' || value instanceof Date) return scalar(value);
  if (Array.isArray(value)) return value.length ? h('ol', { class: 'tree' }, value.map((item) => h('li', {}, tree(shape.member, item)))) : '(none)';
  const pairs = Object.entries(value).map(([name, v]) => (name === '$unknown'
    ? [`${v[0]} (a member this version does not know)`, JSON.stringify(v[1])]
    : [shape.type === 'map' ? name : label(name), tree(shape.type === 'map' ? shape.value : shape.members?.[name]?.shape, v)]));
  return pairs.length ? dl(pairs) : '(empty)';
}

/** The order of a table's columns: name and status first, then the model's order. */
const LEADING = ['name', 'status'];

/** A table cell's value: an ARN shortened, with a copy button (a link to its Get…, when there is one); else as `scalar`. */
function cell(value, column) {
  if (typeof value !== 'string' || !ARN.test(value)) return scalar(value);
  remember(value);
  const get = getFor(value);
  return copyable(value, `the ${label(column)}`, get && opHash(get.operation, get.input, get.service));
}

/** A table of a List… answer's items: a column per scalar member of the item shape, name and status first; the name links to the item's Get…. */
function table(itemShape, caption) {
  const scalars = Object.entries(shapes[itemShape].members).filter(([, m]) => !['structure', 'list', 'map'].includes(shapes[m.shape].type)).map(([name]) => name);
  const columns = [...LEADING.filter((name) => scalars.includes(name)), ...scalars.filter((name) => !LEADING.includes(name))];
  const tbody = h('tbody');
  const element = h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, columns.map((name) => h('th', { scope: 'col' }, label(name))))), tbody));
  const named = (item) => {
    const get = ownArn(item) && getFor(ownArn(item));
    return get ? h('a', { href: opHash(get.operation, get.input, get.service) }, item.name) : item.name;
  };
  const append = (items) => {
    items.forEach(learn);
    tbody.append(...items.map((item) => h('tr', {}, columns.map((name) => h('td', { 'data-label': label(name) },
      item[name] === undefined ? '' : name === 'name' ? named(item) : name === 'status' ? h('span', { class: `status status-${item.status}` }, item.status) : cell(item[name], name))))));
  };
  return { element, append, count: () => tbody.rows.length };
}

/**
 * The answer of `operation` to `input`. `loadMore(token)` sends the next page of a List…;
 * a Get… answer offers the operations that take the same resource.
 */
export function answerView(operation, input, output, loadMore) {
  const { $metadata: meta, ...body } = output;
  const { output: outputShape, paginator } = operations[operation];
  const parts = [h('p', {}, `${operation}: answered.`), dl([['Status', meta?.httpStatusCode], ['Request ID', meta?.requestId], ['Attempts', meta?.attempts]])];
  if (paginator) {
    const { items, outputToken } = paginator;
    const rows = table(shapes[shapes[outputShape].members[items].shape].member, `${label(items)} in the answer`);
    const status = h('p', { role: 'status' });
    let token;
    const more = h('button', { type: 'button' }, 'Load more');
    const show = (page) => {
      rows.append(page[items] ?? []);
      token = page[outputToken];
      more.hidden = !token;
      const n = rows.count();
      status.textContent = `${n} item${n === 1 ? '' : 's'}${token ? ', more to load' : ''}.`;
    };
    more.addEventListener('click', async () => {
      more.disabled = true;
      try {
        show(await loadMore(token));
      } catch (err) {
        status.textContent = `Could not load more: ${err.name}: ${err.message}`;
      }
      more.disabled = false;
    });
    const rest = Object.fromEntries(Object.entries(body).filter(([name]) => name !== items && name !== outputToken));
    parts.push(rows.element, status, h('div', { class: 'actions' }, more), Object.keys(rest).length ? tree(outputShape, rest) : null);
    show(body);
  } else {
    learn(body);
    parts.push(outputShape ? tree(outputShape, body) : h('p', {}, 'Done: this operation answers with no output.'));
    if (operation.startsWith('Get')) parts.push(statusTimeline(ownArn(body)));
    if (body.metrics?.relevanceMetrics) parts.push(relevanceChart(body.metrics));
  }
  if (operation.startsWith('Get')) parts.push(actions(operation, input));
  const answer = h('div', { class: 'answer' }, parts);
  // The ISO values within reach of the keyboard too, not only on hover.
  const iso = h('input', { type: 'checkbox', onchange: () => showIso(answer, iso.checked) });
  answer.prepend(h('label', { class: 'check' }, iso, 'Times in ISO 8601 (UTC)'));
  return answer;
}

/** The statuses this page saw the resource in, each with when it first saw it; null before two were seen. */
function statusTimeline(arn) {
  const timeline = timelineOf(arn);
  if (timeline.length < 2) return null;
  return h('section', { class: 'timeline', 'aria-label': 'Statuses seen' }, h('h4', {}, 'Statuses seen by this page'),
    h('ol', {}, timeline.map(({ status, at }) => h('li', {}, h('span', { class: `status status-${status}` }, status), ' ', time(at)))));
}

/** Shows the answer's times as their ISO values, or in local time again. */
function showIso(answer, iso) {
  for (const t of answer.querySelectorAll('time')) t.textContent = iso ? t.dateTime : new Date(t.dateTime).toLocaleString();
}

/** Links to the other operations that take the resource a Get… read. */
function actions(operation, input) {
  const { members } = shapes[operations[operation].input];
  const arn = Object.entries(input).find(([name, v]) => typeof v === 'string' && isArnShape(shapes[members[name]?.shape]))?.[1];
  const others = arn ? operationsFor(arn).filter((o) => o.operation !== operation) : [];
  if (!others.length) return null;
  return h('nav', { 'aria-label': 'This resource' }, h('h4', {}, 'This resource'),
    h('ul', { class: 'links' }, others.map((o) => h('li', {}, h('a', { href: opHash(o.operation, o.input, o.service) }, o.operation)))));
}

/** The issues an error names: a `ValidationError`'s report, or the field a service `ValidationException` names (`Value at 'a.b' …`). */
export function issuesOf(err) {
  if (err.report) return err.report.issues;
  const named = /Value at '([^']+)'/.exec(err.message ?? '');
  if (!named) return [];
  const path = named[1].replace(/\.(?:key|value)\(([^)]*)\)/g, (_, key) => `[${JSON.stringify(key)}]`);
  return [{ path, severity: 'error', message: err.message }];
}

/** An error: its name, the warning that an earlier attempt may have succeeded, message, HTTP status, request ID and the field it names. */
export function errorView(err) {
  return h('div', { class: 'answer' }, h('p', {}, err.name), earlierAttemptNote(err),
    dl([['Error', err.name], ['Message', err.message], ['Status', err.$metadata?.httpStatusCode], ['Request ID', err.$metadata?.requestId], ['Field', issuesOf(err)[0]?.path]]));
}

/** For an error with `earlierAttemptMayHaveSucceeded` (a conflict after an attempt that got no answer), the line that says so; else null. */
export function earlierAttemptNote(err) {
  if (err?.earlierAttemptMayHaveSucceeded !== true) return null;
  return h('p', { class: 'earlier-attempt', role: 'note' },
    'An earlier attempt of this send got no answer and may have succeeded: what it created or started may already exist. Check before sending again.');
}
