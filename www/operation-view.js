// The view of one operation (#op/<Name>?<input> for Clean Rooms ML's, #cleanrooms/<Name>?<input>
// for Clean Rooms'; model.js's current service is the operation's, whose entry of the package
// validates, signs and sends): its form (operation-form.js), validated as you type with each
// issue beside its field; the signed request's preview (the session token masked); the CLI
// input JSON, its export and import; Send, and the answer (answer.js). An input in the hash
// prefills the form, and a read (GET) with a valid one is sent at once, so that an ARN's link
// shows its resource. The chosen membership and its collaboration fill the members of those
// names that the hash leaves unset. A Delete… or Cancel… asks first, naming the resource, and
// says its outcome beside its button. Secrets stay in the connection's inputs.
import * as cleanroomsml from '/pkg/cleanroomsml_wasm.js';
import * as cleanrooms from '/pkg/cleanrooms.js';
import { h, showIssues, previewer, downloadJson, readJsonFile } from './form.js';
import { operations, shapes, shapeAt, cliCommand, revive, fromParams, service, SERVICES } from './model.js';
import { renderOperationForm } from './operation-form.js';
import { answerView, errorView, issuesOf } from './answer.js';
import { known, kindOfArn, words } from './known.js';

const $ = (id) => document.getElementById(id);
/** Each service's entry of the package: its `validate` and `createSignedRequest`. */
const ENTRIES = { cleanroomsml, cleanrooms };
/** What each operation's form held (by its hash: `op/Name`), so that coming back to it keeps the edits. */
const drafts = new Map();
let operation;
/** The shown operation's service, and its key in `drafts`. */
let shown;
let draftKey;
let readInput;
let api;
/** Counts that make a slower earlier answer drop out. */
let sent = 0;

/** Whether an operation destroys or stops what it names, and so asks first. */
export const destructive = (name) => /^(Delete|Cancel)/.test(name);

/**
 * Wires the view once; `clients` (each service's `client()`), `connection()`, `blockedPreview(errors)` and `context()`
 * (the chosen membership: `{ membershipIdentifier, collaborationIdentifier }`, or {}) are the page's (main.js).
 */
export function setUpOperationView({ clients, connection, blockedPreview, context }) {
  api = { clients, connection, blockedPreview, context, showPreview: previewer($('op-preview')) };
  const form = $('op-form');
  form.addEventListener('input', (e) => e.target.id !== 'op-import' && update());
  form.addEventListener('change', (e) => e.target.id !== 'op-import' && update());
  form.addEventListener('submit', (e) => { e.preventDefault(); destructive(operation) ? confirmThenSend() : send(); });
  $('op-export').addEventListener('click', exportJson);
  $('op-import').addEventListener('change', importJson);
}

/** After an edit of the connection (main.js asks when the credentials panel says so). */
export function connectionChanged() {
  // Only while shown: another view may have made the other service's model current (model.js).
  if (operation && !$('view-operation').hidden) update();
}

/** Shows the form of `name` of the current service (model.js), prefilled from the hash's `query` (or the last edits). */
export function showOperation(name, query) {
  sent++;
  const { title, cli, hash } = SERVICES[service];
  const known = Object.hasOwn(operations, name);
  $('op-form').hidden = !known;
  $('op-answer').replaceChildren(h('p', { class: 'hint' }, known ? 'Nothing sent yet.' : `${title} has no operation ${name}.`));
  $('operation-title').textContent = known ? name : 'Unknown operation';
  document.title = `${known ? name : 'Unknown operation'} · ${title}`;
  if (!known) return;
  operation = name;
  shown = service;
  draftKey = `${hash}/${name}`;
  $('op-cli-command').textContent = `aws ${cli} ${cliCommand(name)} --cli-input-json file://${cliCommand(name)}.json`;
  $('op-import-status').textContent = '';
  $('op-outcome').textContent = '';
  const input = query ? fromParams(name, query) : drafts.get(draftKey) ?? {};
  const { members } = shapes[operations[name].input];
  for (const [member, value] of Object.entries(api.context())) if (members[member] && input[member] === undefined) input[member] = value;
  readInput = renderOperationForm($('op-fields'), name, input, update);
  const errors = update();
  if (query && operations[name].method === 'GET' && !errors) send();
}

const article = (text) => (/^([aeiou]|ML|S3)/i.test(text) ? 'an' : 'a');

/** A pattern issue on an ARN of another kind says so in words, before the pattern: "This is an ML input channel ARN …". */
function namingKinds(issue) {
  if (issue.code !== 'pattern') return issue;
  const value = $('op-form').querySelector(`[data-path="${CSS.escape(issue.path)}"] > input`)?.value ?? '';
  if (!value.startsWith('arn:')) return issue;
  let expected;
  try {
    expected = words(shapeAt(operation, issue.path).name.replace(/Arn$/, ''));
  } catch {
    return issue;
  }
  const given = known(value)?.kind ?? kindOfArn(value);
  // An ARN still being typed, or of the right kind but malformed: the pattern says enough.
  if (!given || expected.toLowerCase().endsWith(given.toLowerCase())) return issue;
  const name = known(value)?.name;
  return { ...issue, message: `This is ${article(given)} ${given} ARN${name ? ` ("${name}")` : ''}; ${article(expected)} ${expected} ARN is expected. (It ${issue.message}.)` };
}

/** Validates the form and refreshes what depends on it; returns the number of errors. */
function update() {
  const input = readInput();
  drafts.set(draftKey, input);
  const errors = showIssues($('op-form'), $('op-issues'), ENTRIES[shown].validate(operation, input).issues.map(namingKinds));
  $('op-send').disabled = errors > 0;
  $('op-cli').textContent = JSON.stringify(input, null, 2);
  preview(input, errors);
  return errors;
}

function preview(input, errors) {
  const config = api.connection(); // first: a changed connection makes a new provider, not yet failing
  api.showPreview(() => ENTRIES[shown].createSignedRequest(operation, input, config), api.blockedPreview(errors));
}

/** The resource a destructive input names, as a person knows it: `"churn-channel" (ML input channel)`, else its ARN or ID. */
function namedIn(input) {
  // The membership, only when it is what the operation acts on (Clean Rooms' DeleteMembership).
  const value = Object.entries(input).filter(([member]) => member !== 'membershipIdentifier').map(([, v]) => v).find((v) => typeof v === 'string')
    ?? input.membershipIdentifier;
  const k = known(value);
  return k ? `the ${k.kind} "${k.name}"` : value ?? 'this resource';
}

/** Asks before a Delete… or Cancel…; sends once confirmed, and says the outcome beside the button. */
async function confirmThenSend() {
  const dialog = $('op-confirm');
  const what = namedIn(readInput());
  $('op-confirm-title').textContent = `${operation}?`;
  $('op-confirm-text').textContent = `${operation} will act on ${what}. This cannot be undone.`;
  dialog.returnValue = '';
  dialog.showModal();
  await new Promise((resolve) => dialog.addEventListener('close', resolve, { once: true }));
  if (dialog.returnValue !== 'confirm') {
    $('op-outcome').textContent = 'Not sent.';
    return $('op-send').focus();
  }
  $('op-outcome').textContent = `Sending ${operation} for ${what}…`;
  const err = await send();
  $('op-outcome').textContent = err ? `Failed: ${operation} for ${what}: ${err.name}: ${err.message}` : `Done: ${operation} accepted for ${what}.`;
  $('op-outcome').className = err ? 'result-error' : 'result-ok';
}

/** Sends the form's input; resolves to the error, or null once the service accepted it. */
async function send() {
  const current = ++sent;
  const [name, input] = [operation, readInput()];
  $('op-send').disabled = true;
  $('op-answer').replaceChildren(h('p', {}, 'Sending…'));
  try {
    const client = api.clients[shown]();
    const output = await client.send(name, input);
    const token = operations[name].paginator?.inputToken;
    // An answer read with the other service's shapes (the view left meanwhile) is dropped: showing the form again resets it.
    if (current === sent && shown === service) $('op-answer').replaceChildren(answerView(name, input, output, (next) => client.send(name, { ...input, [token]: next })));
    return null;
  } catch (err) {
    if (current !== sent) return err;
    $('op-answer').replaceChildren(errorView(err));
    showIssues($('op-form'), $('op-issues'), issuesOf(err));
    return err;
  } finally {
    if (current === sent) $('op-send').disabled = false;
  }
}

function exportJson() {
  downloadJson(readInput(), `${cliCommand(operation)}.json`);
}

async function importJson() {
  const file = $('op-import').files[0];
  if (!file) return;
  try {
    const input = revive(operations[operation].input, await readJsonFile(file));
    const unknown = ENTRIES[shown].validate(operation, input).issues.filter((i) => i.code === 'unknownMember').map((i) => i.path);
    readInput = renderOperationForm($('op-fields'), operation, input, update);
    update();
    $('op-import-status').textContent = `Imported ${file.name}.` + (unknown.length ? ` Ignored members the operation does not have: ${unknown.join(', ')}.` : '');
  } catch (err) {
    $('op-import-status').textContent = `Could not import ${file.name}: ${err.message}`;
  }
  $('op-import').value = '';
}
