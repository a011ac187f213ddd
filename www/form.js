// The request form: rendered from an input object (the CLI JSON shape), read back into
// one, and annotated with validation issues. Every field wrapper carries the issue path
// of the member it edits (`data-path`), so an issue lands beside its input. Enum choices,
// ranges and lengths come from the model (model.js), as the library's do.

import { shapeAt } from './model.js';

const P = 'privacyConfiguration.policies';
const LOGS = `${P}.trainedModels.containerLogs[]`;

/** The model's constraints of the create operation's input member at `path`. */
const constraint = (path) => shapeAt('CreateConfiguredModelAlgorithmAssociation', path);

/** A hint from the model: `GB, 0.01–100` for a size, `1–63 characters` for a string. */
function hint(path, unit) {
  const { min, max } = constraint(path);
  return unit ? `${unit}, ${min}–${max}` : `${min ?? 0}–${max} characters`;
}

const NOISE_LEVELS = constraint(`${P}.trainedModels.containerMetrics.noiseLevel`).enum;
const LOG_TYPES = constraint(`${LOGS}.logType`).enum;
const ENTITIES = constraint(`${LOGS}.logRedactionConfiguration.entitiesToRedact[]`).enum;
const FILE_TYPES = constraint(`${P}.trainedModelExports.filesToExport[]`).enum;
let ids = 0;

/** Creates an element: h('div', { class: 'x', onclick: f }, child, …). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key in el && key !== 'list') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  el.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined));
  return el;
}

/** A labelled control inside a wrapper that shows the issues of `path`. */
export function field(path, label, control, hint) {
  control.id ||= `f${++ids}`;
  const issues = h('ul', { class: 'issues', id: `${control.id}-issues` });
  control.setAttribute('aria-describedby', issues.id);
  return h('div', { class: 'field', 'data-path': path }, h('label', { htmlFor: control.id }, label, hint ? h('span', { class: 'hint' }, ` ${hint}`) : null), control, issues);
}

/** A text input. */
export function text(value, attrs = {}) {
  return h('input', { value: value ?? '', spellcheck: false, ...attrs });
}

/** A select of `options`, with `(not set)` first. */
export function select(value, options, attrs = {}) {
  return h('select', attrs, h('option', { value: '' }, '(not set)'), options.map((o) => h('option', { value: o, selected: o === value }, o)));
}

/** A number input with the range of `shape` (the model's); whole numbers for integer and long shapes. */
export function number(value, shape) {
  const integer = shape.type === 'integer' || shape.type === 'long';
  return h('input', { type: 'number', step: integer ? 1 : 'any', min: shape.min, max: shape.max, value: value ?? '', inputMode: integer ? 'numeric' : 'decimal' });
}

const optional = (s) => (s === '' ? undefined : s);
const numberOrUnset = (input) => (input.value === '' ? undefined : Number(input.value));
const size = (input) => (input.value === '' ? undefined : { unit: 'GB', value: Number(input.value) });
const lines = (s) => s.split(/\n/).map((l) => l.trim()).filter(Boolean);

/** A checkbox group editing a list of enum strings; read() returns the checked ones. */
function checkboxes(path, label, options, chosen = []) {
  const boxes = options.map((o) => h('input', { type: 'checkbox', value: o, checked: chosen.includes(o) }));
  const group = h('div', { class: 'field', 'data-path': path, role: 'group', 'aria-label': label },
    h('span', {}, label), h('div', {}, boxes.map((b, i) => h('label', { class: 'check' }, b, options[i]))), h('ul', { class: 'issues' }));
  return { element: group, read: () => boxes.filter((b) => b.checked).map((b) => b.value) };
}

/** One `LogsConfigurationPolicy`. */
function logEntry(path, entry, remove) {
  const accounts = text((entry.allowedAccountIds ?? []).join(', '), { placeholder: '123456789012, 210987654321' });
  const filter = text(entry.filterPattern);
  const logType = select(entry.logType, LOG_TYPES);
  const redaction = entry.logRedactionConfiguration;
  const redact = h('input', { type: 'checkbox', checked: Boolean(redaction) });
  const entities = checkboxes(`${path}.logRedactionConfiguration.entitiesToRedact`, 'Entities to redact', ENTITIES, redaction?.entitiesToRedact);
  const customIds = h('textarea', { value: (redaction?.customEntityConfig?.customDataIdentifiers ?? []).join('\n'), spellcheck: false });
  const redactionBox = h('div', { hidden: !redaction }, entities.element,
    field(`${path}.logRedactionConfiguration.customEntityConfig`, 'Custom data identifiers', customIds, '(one per line)'));
  redact.addEventListener('change', () => { redactionBox.hidden = !redact.checked; });
  const element = h('fieldset', { class: 'entry', 'data-path': path },
    h('legend', {}, `Log entry ${path.match(/\[(\d+)\]$/)[1] * 1 + 1}`),
    field(`${path}.allowedAccountIds`, 'Allowed account IDs', accounts, '(12 digits each, comma-separated)'),
    h('div', { class: 'row' }, field(`${path}.filterPattern`, 'Filter pattern', filter, '(regular expression)'), field(`${path}.logType`, 'Log type', logType)),
    h('div', { class: 'field', 'data-path': `${path}.logRedactionConfiguration` }, h('label', { class: 'check' }, redact, 'Redact log contents'), h('ul', { class: 'issues' })),
    redactionBox,
    h('button', { type: 'button', onclick: remove }, 'Remove log entry'));
  return {
    element,
    read() {
      const policy = { allowedAccountIds: accounts.value.split(/[\s,]+/).filter(Boolean) };
      if (optional(filter.value) !== undefined) policy.filterPattern = filter.value;
      if (logType.value) policy.logType = logType.value;
      if (redact.checked) {
        policy.logRedactionConfiguration = { entitiesToRedact: entities.read() };
        const identifiers = lines(customIds.value);
        if (identifiers.length) policy.logRedactionConfiguration.customEntityConfig = { customDataIdentifiers: identifiers };
      }
      return policy;
    },
  };
}

/** A list of log entries with add and remove; `onchange(next)` re-renders with the new list. */
function logList(path, entries, onchange) {
  let parts;
  const readAll = () => parts.map((p) => p.read());
  parts = entries.map((entry, i) => logEntry(`${path}[${i}]`, entry, () => onchange(readAll().filter((_, j) => j !== i))));
  const add = h('button', { type: 'button', onclick: () => onchange([...readAll(), { allowedAccountIds: [] }], `${path}[${parts.length}]`) }, 'Add log entry');
  const element = h('div', { class: 'field', 'data-path': path }, h('span', {}, 'Container logs'), h('ul', { class: 'issues' }), parts.map((p) => p.element), add);
  return { element, read: () => (parts.length ? readAll() : undefined) };
}

/** Optional policy section: a checkbox that includes it, and its fields. */
function section(path, title, included, build) {
  const toggle = h('input', { type: 'checkbox', checked: included });
  const body = h('div', { hidden: !included });
  const built = build(body);
  toggle.addEventListener('change', () => { body.hidden = !toggle.checked; });
  const element = h('fieldset', { 'data-path': path }, h('legend', {}, h('label', { class: 'check' }, toggle, title)), h('ul', { class: 'issues' }), body);
  return { element, read: () => (toggle.checked ? built() : undefined) };
}

function tagsEditor(tags, onchange) {
  const rows = Object.entries(tags ?? {}).map(([key, value]) => {
    const k = text(key, { 'aria-label': 'Tag key' });
    const v = text(value, { 'aria-label': 'Tag value' });
    const row = h('div', { class: 'row field', 'data-path': `tags[${JSON.stringify(key)}]` }, k, v);
    k.addEventListener('input', () => row.setAttribute('data-path', `tags[${JSON.stringify(k.value)}]`));
    return { row, k, v };
  });
  const read = () => (rows.length ? Object.fromEntries(rows.map(({ k, v }) => [k.value, v.value])) : undefined);
  rows.forEach(({ row }, i) => {
    row.append(h('button', { type: 'button', onclick: () => onchange(Object.fromEntries(Object.entries(read() ?? {}).filter((_, j) => j !== i))) }, 'Remove'), h('ul', { class: 'issues' }));
  });
  const add = h('button', { type: 'button', onclick: () => onchange({ ...read(), '': '' }, 'tags[""]') }, 'Add tag');
  const element = h('fieldset', { 'data-path': 'tags' }, h('legend', {}, 'Tags'), h('ul', { class: 'issues' }), rows.map((r) => r.row), add);
  return { element, read };
}

/**
 * Renders the form for `input` into `container`. `onchange()` is called after every edit;
 * returns `read()`, which gives the input the form now describes.
 */
export function renderForm(container, input, onchange) {
  let current;
  const rerender = (next) => {
    current = build(next);
    container.replaceChildren(current.element);
  };
  // Rebuilds the whole form from `next` after a structural edit (add or remove), and
  // moves the focus into what was added.
  const restructure = (mutate) => (value, focusPath) => {
    const next = current.read();
    mutate(next, value);
    rerender(next);
    if (focusPath) container.querySelector(`[data-path="${CSS.escape(focusPath)}"] input:not([type=checkbox])`)?.focus();
    onchange();
  };

  function build(state) {
    const policies = state.privacyConfiguration?.policies ?? {};
    const membership = text(state.membershipIdentifier, { placeholder: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9' });
    const algorithm = text(state.configuredModelAlgorithmArn, { placeholder: 'arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/…' });
    const name = text(state.name);
    const description = h('textarea', { value: state.description ?? '' });
    const set = (...keys) => (next, value) => {
      let target = next;
      for (const key of keys.slice(0, -1)) target = target[key] ??= {};
      target[keys.at(-1)] = value;
    };
    const pc = ['privacyConfiguration', 'policies'];

    const trained = section(`${P}.trainedModels`, 'Trained models', Boolean(policies.trainedModels), (body) => {
      const t = policies.trainedModels ?? {};
      const logs = logList(`${P}.trainedModels.containerLogs`, t.containerLogs ?? [], restructure(set(...pc, 'trainedModels', 'containerLogs')));
      const noise = select(t.containerMetrics?.noiseLevel, NOISE_LEVELS);
      const artifactPath = `${P}.trainedModels.maxArtifactSize.value`;
      const artifact = number(t.maxArtifactSize?.value, constraint(artifactPath));
      body.append(logs.element, h('div', { class: 'row' },
        field(`${P}.trainedModels.containerMetrics.noiseLevel`, 'Container metrics noise level', noise),
        field(artifactPath, 'Maximum artifact size', artifact, `(${hint(artifactPath, 'GB')})`)));
      return () => {
        const policy = {};
        if (logs.read()) policy.containerLogs = logs.read();
        if (noise.value) policy.containerMetrics = { noiseLevel: noise.value };
        if (size(artifact)) policy.maxArtifactSize = size(artifact);
        return policy;
      };
    });
    const exportsSection = section(`${P}.trainedModelExports`, 'Trained model exports', Boolean(policies.trainedModelExports), (body) => {
      const e = policies.trainedModelExports ?? {};
      const maxSizePath = `${P}.trainedModelExports.maxSize.value`;
      const maxSize = number(e.maxSize?.value, constraint(maxSizePath));
      const files = checkboxes(`${P}.trainedModelExports.filesToExport`, 'Files to export', FILE_TYPES, e.filesToExport);
      body.append(field(maxSizePath, 'Maximum export size', maxSize, `(${hint(maxSizePath, 'GB')})`), files.element);
      return () => ({ maxSize: size(maxSize) ?? { unit: 'GB', value: numberOrUnset(maxSize) }, filesToExport: files.read() });
    });
    const inference = section(`${P}.trainedModelInferenceJobs`, 'Trained model inference jobs', Boolean(policies.trainedModelInferenceJobs), (body) => {
      const j = policies.trainedModelInferenceJobs ?? {};
      const logs = logList(`${P}.trainedModelInferenceJobs.containerLogs`, j.containerLogs ?? [], restructure(set(...pc, 'trainedModelInferenceJobs', 'containerLogs')));
      const outputPath = `${P}.trainedModelInferenceJobs.maxOutputSize.value`;
      const output = number(j.maxOutputSize?.value, constraint(outputPath));
      body.append(logs.element, field(outputPath, 'Maximum output size', output, `(${hint(outputPath, 'GB')})`));
      return () => {
        const policy = {};
        if (logs.read()) policy.containerLogs = logs.read();
        if (size(output)) policy.maxOutputSize = size(output);
        return policy;
      };
    });
    const tags = tagsEditor(state.tags, restructure((next, value) => { next.tags = value; }));

    const element = h('div', {},
      h('fieldset', {}, h('legend', {}, 'Association'),
        field('membershipIdentifier', 'Membership ID', membership),
        field('configuredModelAlgorithmArn', 'Configured model algorithm ARN', algorithm),
        field('name', 'Name', name, `(${hint('name')})`),
        field('description', 'Description', description, `(optional, ${hint('description')})`)),
      h('fieldset', { 'data-path': 'privacyConfiguration' }, h('legend', {}, 'Privacy configuration'), h('ul', { class: 'issues' }),
        trained.element, exportsSection.element, inference.element),
      tags.element);

    return {
      element,
      read() {
        const out = { membershipIdentifier: membership.value, configuredModelAlgorithmArn: algorithm.value, name: name.value };
        if (optional(description.value) !== undefined) out.description = description.value;
        const chosen = { trainedModels: trained.read(), trainedModelExports: exportsSection.read(), trainedModelInferenceJobs: inference.read() };
        const present = Object.entries(chosen).filter(([, v]) => v !== undefined);
        if (present.length) out.privacyConfiguration = { policies: Object.fromEntries(present) };
        if (tags.read()) out.tags = tags.read();
        return out;
      },
    };
  }

  rerender(structuredClone(input));
  return () => current.read();
}

/** An error in one line: `ValidationError: name: …` (its name, the field at fault if any, its message). */
export const failure = (err) => `${err.name}: ${err.path ? `${err.path}: ` : ''}${err.message}`;

/** A signed request as text, the session token masked. */
function requestText(request) {
  const headers = { ...request.headers };
  if (headers['x-amz-security-token']) headers['x-amz-security-token'] = '•••••• (masked)';
  return `${request.method} ${request.url}\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${request.body ?? ''}`;
}

/**
 * A preview of signed requests in `element`: `show(sign, blocked)` shows the request `sign()`
 * resolves to (its token masked), why it cannot be signed, or `blocked` when that is set; a
 * slower earlier signature (a provider's credentials) never replaces a later one.
 */
export function previewer(element) {
  let shown = 0;
  return async (sign, blocked) => {
    const current = ++shown;
    let text = blocked;
    if (!text) {
      try {
        text = requestText(await sign());
      } catch (err) {
        text = `Cannot sign yet: ${failure(err)}`;
      }
    }
    if (current === shown) element.textContent = text;
  };
}

/** Offers `value` as a JSON file named `filename` (the CLI input JSON's export). */
export function downloadJson(value, filename) {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });
  const link = h('a', { href: URL.createObjectURL(blob), download: filename });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** The JSON object a chosen file holds (the CLI input JSON's import); throws with the reason otherwise. */
export async function readJsonFile(file) {
  const value = JSON.parse(await file.text());
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('the file does not hold a JSON object');
  return value;
}

/** The path of the enclosing member: `a.b[2]` → `a.b`, `tags["k"]` → `tags`, `a.b` → `a`. */
function parent(path) {
  const match = path.match(/^(.*?)(\.[A-Za-z_$][\w$]*|\[(?:\d+|"(?:[^"\\]|\\.)*")\])$/);
  return match ? match[1] : '';
}

/**
 * Shows each issue beside the field of its path (or of the nearest enclosing member that
 * has one); the rest go to `fallback`. Returns the number of errors.
 */
export function showIssues(root, fallback, issues) {
  for (const list of root.querySelectorAll('.issues')) list.replaceChildren();
  for (const control of root.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
  fallback.replaceChildren();
  for (const issue of issues) {
    let path = issue.path;
    let holder = null;
    while (path && !(holder = root.querySelector(`[data-path="${CSS.escape(path)}"]`))) path = parent(path);
    const list = holder?.querySelector(':scope > .issues') ?? fallback;
    const where = holder ? '' : `${issue.path || 'input'}: `;
    list.append(h('li', { class: issue.severity }, where + issue.message));
    if (holder && issue.severity === 'error') holder.querySelector(':scope > input, :scope > select, :scope > textarea')?.setAttribute('aria-invalid', 'true');
  }
  return issues.filter((i) => i.severity === 'error').length;
}
