// The demo page, a console a Clean Rooms ML member works in: it opens on the membership
// picker and the chosen membership's home (workspace.js); beside them the operations views,
// a membership's associations (list, details, delete) and the create form, which validates
// as you type, previews the signed request, sends it with the module's client, imports and
// exports CLI JSON. The view is in the URL hash, so back and forward work. Credentials are
// the connection panel's (credentials.js). Secrets live only in their inputs and in memory:
// never in storage, the URL or the console.
import init, { validate, createSignedRequest, paginateListConfiguredModelAlgorithms, CleanRoomsMlClient, version } from '/pkg/cleanroomsml_wasm.js';
import { CleanRoomsClient } from '/pkg/cleanrooms.js';
import { h, renderForm, showIssues, previewer, failure, downloadJson, readJsonFile } from './form.js';
import { PAGE_SIZE, appendRows, detailsHash, detailsOf, dl } from './console.js';
import * as panel from './credentials.js';
import { renderOperations } from './operations.js';
import { setUpOperationView, showOperation, connectionChanged } from './operation-view.js';
import { setUpWorkspace, showMemberships, showHome, leaveWorkspace, chosenContext, restoreChosen } from './workspace.js';
import { earlierAttemptNote } from './answer.js';
import { useService } from './model.js';

const $ = (id) => document.getElementById(id);
const STORAGE_KEY = 'cleanroomsml-wasm.demo';
const REMEMBERED = ['region', 'endpoint', ...panel.REMEMBERED, 'membership'];

const EXAMPLE = {
  membershipIdentifier: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9',
  configuredModelAlgorithmArn: 'arn:aws:cleanrooms-ml:us-east-1:123456789012:configured-model-algorithm/churn-algorithm',
  name: 'churn-model',
  privacyConfiguration: {
    policies: {
      trainedModels: {
        containerLogs: [{ allowedAccountIds: ['123456789012'], filterPattern: 'ERROR.*', logType: 'ALL' }],
        containerMetrics: { noiseLevel: 'MEDIUM' },
        maxArtifactSize: { unit: 'GB', value: 5 },
      },
      trainedModelExports: { maxSize: { unit: 'GB', value: 2 }, filesToExport: ['MODEL', 'OUTPUT'] },
    },
  },
  tags: { team: 'data-science' },
};

let readInput;
/** ARN → name of the configured model algorithms, once listed. */
const algorithms = new Map();
/** The table's next page, and a count that makes a slower earlier answer drop out. */
let listToken;
let rendering = 0;
/** Said in the list view once it has loaded (after a deletion). */
let notice = '';

/** Where to send and how to sign; `credentials` are the access keys, or a provider's function. */
function connection() {
  const region = $('region').value.trim();
  const endpoint = $('endpoint').value.trim() || undefined;
  return { region, endpoint, credentials: panel.credentials(region, endpoint) };
}

const client = () => new CleanRoomsMlClient({ ...connection(), requestTimeoutMs: 15000 });
/** Clean Rooms' client on the same connection (the workspace, Clean Rooms' operations). */
const cleanRoomsClient = () => new CleanRoomsClient({ ...connection(), requestTimeoutMs: 15000 });

/** Remembers the non-secret fields and the input; secrets and tokens are left out by construction. */
function remember(input = readInput()) {
  const saved = Object.fromEntries(REMEMBERED.map((id) => [id, $(id).value]));
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...saved, input }));
}

const showPreview = previewer($('preview'));

function preview(input, errors) {
  $('cli-json').textContent = JSON.stringify(input, null, 2);
  const config = connection(); // first: a changed connection makes a new provider, not yet failing
  showPreview(() => createSignedRequest(input, config), blockedPreview(errors));
}

/** Why the preview cannot be signed yet, if it cannot. */
const blockedPreview = (errors) => (errors ? 'Fix the errors above to preview the signed request.' : panel.failing() ? 'Cannot sign yet: no credentials (see Connection).' : '');

/** Validates the form and everything that depends on it. */
function update() {
  const input = readInput();
  const report = validate(input);
  const errors = showIssues($('form'), $('form-issues'), report.issues);
  $('send').disabled = errors > 0;
  preview(input, errors > 0);
  remember(input);
}

function showResult(content, kind) {
  $('result').replaceChildren(...content);
  $('result').className = kind;
}

async function send(event) {
  event.preventDefault();
  const input = readInput();
  $('send').disabled = true;
  showResult([Object.assign(document.createElement('p'), { textContent: 'Sending…' })], '');
  try {
    const output = await client().createConfiguredModelAlgorithmAssociation(input);
    const title = Object.assign(document.createElement('p'), { textContent: 'Created.' });
    const arn = output.configuredModelAlgorithmAssociationArn;
    const links = h('p', {}, h('a', { href: detailsHash(input.membershipIdentifier, arn) }, 'Open it'), ' · ', h('a', { href: `#list/${input.membershipIdentifier}` }, 'See the list'));
    showResult([title, dl([['Association ARN', arn], ['Status', output.$metadata.httpStatusCode], ['Request ID', output.$metadata.requestId], ['Attempts', output.$metadata.attempts]]), links], 'result-ok');
  } catch (err) {
    const title = Object.assign(document.createElement('p'), { textContent: err.name });
    showResult([title, earlierAttemptNote(err), dl([['Error', err.name], ['Message', err.message], ['Status', err.$metadata?.httpStatusCode], ['Request ID', err.$metadata?.requestId], ['Field', err.path]])].filter(Boolean), 'result-error');
  } finally {
    update();
  }
}

function exportJson() {
  downloadJson(readInput(), 'cli-input.json');
}

async function importJson() {
  const file = $('import').files[0];
  if (!file) return;
  try {
    const input = await readJsonFile(file);
    const unknown = validate(input).issues.filter((i) => i.code === 'unknownMember').map((i) => i.path);
    readInput = renderForm($('request-form'), input, update);
    update();
    $('import-status').textContent = `Imported ${file.name}.` + (unknown.length ? ` Ignored members the operation does not have: ${unknown.join(', ')}.` : '');
  } catch (err) {
    $('import-status').textContent = `Could not import ${file.name}: ${err.message}`;
  }
  $('import').value = '';
}

/** The algorithms of the account, for the form's choice and the tables' names. */
async function loadAlgorithms() {
  const choice = $('algorithm-choice');
  try {
    for await (const page of paginateListConfiguredModelAlgorithms({ client: client() }, {})) {
      for (const a of page.configuredModelAlgorithms) algorithms.set(a.configuredModelAlgorithmArn, a.name);
    }
    choice.replaceChildren(choice.options[0], ...[...algorithms].map(([arn, name]) => h('option', { value: arn }, name)));
    syncAlgorithmChoice();
  } catch (err) {
    choice.options[0].textContent = `(could not list the algorithms: ${err.name}; type an ARN below)`;
  }
}

/** The create form's input for a member of the request. */
const formInput = (path) => document.querySelector(`#request-form [data-path="${path}"] input`);
const arnInput = () => formInput('configuredModelAlgorithmArn');

/** The choice follows the ARN typed below it. */
function syncAlgorithmChoice() {
  $('algorithm-choice').value = algorithms.has(arnInput()?.value) ? arnInput().value : '';
}

function chooseAlgorithm() {
  const arn = $('algorithm-choice').value;
  if (!arn) return;
  arnInput().value = arn;
  update();
}

/** A new association goes to the membership the list shows. */
function newInShownMembership() {
  const membership = $('membership').value.trim();
  const field = formInput('membershipIdentifier');
  if (membership && field && field.value !== membership) {
    field.value = membership;
    update();
  }
}

/**
 * The view the hash names: `#memberships` (also the empty hash), `#home/MEMBERSHIP`, `#list/MEMBERSHIP`,
 * `#association/MEMBERSHIP/ARN`, `#new`, `#operations`, `#op/NAME?INPUT` (Clean Rooms ML's),
 * `#cleanrooms/NAME?INPUT` (Clean Rooms').
 */
function parseHash() {
  if (['', '#', '#memberships'].includes(location.hash)) return { view: 'memberships' };
  const home = location.hash.match(/^#home\/(.*)$/);
  if (home) return { view: 'home', membership: decodeURIComponent(home[1]) };
  const operation = location.hash.match(/^#(op|cleanrooms)\/(\w+)(?:\?(.*))?$/);
  if (operation) return { view: 'operation', service: operation[1] === 'op' ? 'cleanroomsml' : 'cleanrooms', name: operation[2], query: operation[3] ?? '' };
  if (location.hash === '#operations') return { view: 'operations' };
  const [view, membership, arn] = location.hash.slice(1).split('/');
  if (view === 'association' && membership && arn) return { view: 'details', membership, arn: decodeURIComponent(arn) };
  if (view === 'new') return { view: 'new' };
  return { view: 'list', membership: membership || $('membership').value.trim() };
}

async function route({ focus = true } = {}) {
  const target = parseHash();
  for (const view of ['memberships', 'home', 'list', 'details', 'new', 'operations', 'operation']) $(`view-${view}`).hidden = view !== target.view;
  const navCurrent = [['nav-memberships', target.view === 'memberships'], ['nav-home', target.view === 'home'], ['nav-list', ['list', 'details'].includes(target.view)], ['nav-new', target.view === 'new'], ['nav-operations', ['operations', 'operation'].includes(target.view)]];
  for (const [id, current] of navCurrent) {
    if (current) $(id).setAttribute('aria-current', 'page');
    else $(id).removeAttribute('aria-current');
  }
  if (target.view === 'new') {
    document.title = 'New association · Clean Rooms ML';
    syncAlgorithmChoice();
  }
  if (target.view === 'operations') document.title = 'Operations · Clean Rooms ML and Clean Rooms';
  // Every view but a Clean Rooms operation's reads Clean Rooms ML's model.
  useService(target.service ?? 'cleanroomsml');
  if (target.view === 'operation') showOperation(target.name, target.query);
  const heading = { memberships: 'memberships-title', home: 'home-title', list: 'list-title', details: 'details-title', new: 'new-title', operations: 'operations-title', operation: 'operation-title' }[target.view];
  if (focus) $(heading).focus();
  if (!['memberships', 'home'].includes(target.view)) leaveWorkspace();
  if (target.view === 'memberships') await showMemberships();
  if (target.view === 'home') {
    await showHome(target.membership);
    // The associations' list follows the chosen membership.
    if (chosenContext().membershipIdentifier) $('membership').value = chosenContext().membershipIdentifier;
  }
  if (target.view === 'list') await showList(target.membership);
  if (target.view === 'details') await showDetails(target.membership, target.arn);
}

/** The first page of the membership's associations; `more` appends the next one. */
async function showList(membership, more = false) {
  const current = ++rendering;
  document.title = 'Associations · Clean Rooms ML';
  $('membership').value = membership;
  const issues = validate('ListConfiguredModelAlgorithmAssociations', { membershipIdentifier: membership }).issues;
  showIssues($('membership-form'), $('membership-issues'), issues);
  const tbody = $('associations').tBodies[0];
  if (!more) {
    tbody.replaceChildren();
    listToken = undefined;
  }
  $('load-more').hidden = true;
  if (issues.length) {
    $('list-status').textContent = 'Enter a membership ID to see its associations.';
    return;
  }
  remember();
  $('list-title').textContent = `Associations of membership ${membership}`;
  $('list-status').textContent = 'Loading…';
  try {
    const page = await client().listConfiguredModelAlgorithmAssociations({ membershipIdentifier: membership, maxResults: PAGE_SIZE, nextToken: more ? listToken : undefined });
    if (current !== rendering) return;
    appendRows(tbody, membership, page.configuredModelAlgorithmAssociations, algorithms);
    listToken = page.nextToken;
    $('load-more').hidden = !listToken;
    const n = tbody.rows.length;
    const shown = n === 0 ? 'No associations in this membership yet.' : `${n} association${n === 1 ? '' : 's'}${listToken ? ', more to load' : ''}.`;
    $('list-status').textContent = [notice, shown].filter(Boolean).join(' ');
    notice = '';
  } catch (err) {
    if (current === rendering) $('list-status').textContent = failure(err);
  }
}

async function showDetails(membership, arn) {
  const current = ++rendering;
  $('details').replaceChildren();
  $('delete').hidden = true;
  $('details-back').href = `#list/${membership}`;
  $('details-title').textContent = 'Association';
  $('details-status').textContent = 'Loading…';
  try {
    const association = await client().getConfiguredModelAlgorithmAssociation({ membershipIdentifier: membership, configuredModelAlgorithmAssociationArn: arn });
    if (current !== rendering) return;
    $('details-title').textContent = `Association ${association.name}`;
    document.title = `${association.name} · Clean Rooms ML`;
    $('details').replaceChildren(...detailsOf(association, algorithms));
    $('details-status').textContent = '';
    $('delete').hidden = false;
    $('delete').dataset.name = association.name;
  } catch (err) {
    if (current === rendering) $('details-status').textContent = failure(err);
  }
}

/** Deletion, once the dialog is confirmed; then back to the list, which says so. */
async function deleteShown() {
  const { membership, arn } = parseHash();
  const name = $('delete').dataset.name;
  const dialog = $('confirm-delete');
  $('confirm-text').textContent = `"${name}" will be deleted from membership ${membership}. This cannot be undone.`;
  dialog.returnValue = '';
  dialog.showModal();
  await new Promise((resolve) => dialog.addEventListener('close', resolve, { once: true }));
  if (dialog.returnValue !== 'delete') return $('delete').focus();
  $('details-status').textContent = 'Deleting…';
  try {
    await client().deleteConfiguredModelAlgorithmAssociation({ membershipIdentifier: membership, configuredModelAlgorithmAssociationArn: arn });
    notice = `Deleted ${name}.`;
    location.hash = `#list/${membership}`;
  } catch (err) {
    $('details-status').textContent = failure(err);
  }
}

/** The operations view, the view of one operation and the workspace (operations.js, operation-view.js, workspace.js). */
function startViews() {
  renderOperations($('operation-groups'), $('operation-filter'), $('operations-status'));
  setUpOperationView({ clients: { cleanroomsml: client, cleanrooms: cleanRoomsClient }, connection, blockedPreview, context: chosenContext });
  setUpWorkspace({ mlClient: client, cleanRoomsClient, connected: () => panel.fold(`${$('region').value.trim()} at ${$('endpoint').value.trim() || 'AWS'}`), notConnected: panel.notConnected });
}

async function start() {
  await init();
  const demo = await fetch('/demo-config.json').then((r) => (r.ok ? r.json() : {}), () => ({}));
  const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
  $('region').value = saved.region ?? demo.region ?? 'us-east-1';
  $('endpoint').value = saved.endpoint ?? demo.endpoint ?? '';
  panel.prefill(demo, saved);
  // The demo's connection again, the remembered one forgotten (a wrong pool ID would otherwise stay).
  panel.setUpFolding(demo.endpoint && (() => {
    $('region').value = demo.region;
    $('endpoint').value = demo.endpoint;
    panel.prefill(demo, {});
    remember();
    $('connection').dispatchEvent(new Event('change', { bubbles: true }));
    route({ focus: false });
  }));
  $('membership').value = saved.membership ?? EXAMPLE.membershipIdentifier;
  readInput = renderForm($('request-form'), saved.input ?? EXAMPLE, update);
  const form = $('form');
  form.addEventListener('input', (e) => { update(); if (e.target === arnInput()) syncAlgorithmChoice(); });
  form.addEventListener('change', (e) => e.target.id !== 'import' && e.target.id !== 'algorithm-choice' && update());
  form.addEventListener('submit', send);
  panel.watch(() => { update(); connectionChanged(); });
  setInterval(() => panel.reread(connection().credentials), panel.REREAD_MS);
  $('algorithm-choice').addEventListener('change', chooseAlgorithm);
  $('export').addEventListener('click', exportJson);
  $('import').addEventListener('change', importJson);
  $('membership-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const membership = $('membership').value.trim();
    if (location.hash === `#list/${membership}`) showList(membership);
    else location.hash = `#list/${membership}`;
  });
  $('load-more').addEventListener('click', () => showList($('membership').value.trim(), true));
  $('delete').addEventListener('click', deleteShown);
  $('nav-new').addEventListener('click', newInShownMembership);
  $('list-new').addEventListener('click', newInShownMembership);
  startViews();
  window.addEventListener('hashchange', () => route());
  $('status').textContent = `cleanroomsml-wasm ${version()} loaded.` + (demo.endpoint ? ` Sending to the local endpoint ${demo.endpoint} with demo credentials.` : '');
  update();
  await loadAlgorithms();
  // Opened on another view, the page still knows the membership chosen before (its forms are prefilled).
  if (!['memberships', 'home'].includes(parseHash().view)) await restoreChosen();
  // Ready once the algorithms are listed (a provider's credentials fetched), as the first view shows.
  $('status').dataset.state = 'ready';
  await route({ focus: false });
}

start().catch((err) => {
  $('status').textContent = `The page failed to start: ${err.message}`;
  $('status').dataset.state = 'failed';
});
