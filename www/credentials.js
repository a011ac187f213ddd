// The connection's credentials: access keys typed in, or temporary credentials from a provider
// of cleanroomsml-wasm/credential-providers (a Cognito identity pool, or STS with a web
// identity token) made from the panel's fields. With a provider, the panel shows the identity
// ID and when the credentials expire, and is updated each time they are read: by every call,
// the preview, and a timer; the provider's cache refreshes them when they are due. Secret keys,
// session tokens and login tokens are never shown or stored: only REMEMBERED fields are.
import { fromCognitoIdentityPool, fromWebToken } from '/pkg/credential-providers.js';
import { h } from './form.js';
import { dl } from './console.js';

const $ = (id) => document.getElementById(id);
const value = (id) => $(id).value.trim();

/** The panel's fields that may be remembered: none holds a secret. */
export const REMEMBERED = ['credentialsMode', 'accessKeyId', 'identityPoolId', 'loginProvider', 'roleArn', 'roleSessionName'];
/** How often the panel reads the credentials again, so that they are refreshed and shown while the page is idle. */
export const REREAD_MS = 10_000;

/** The provider for the current fields (its `key`), and whether its last read failed. */
let current = { key: '', provider: undefined, failed: false };

const mode = () => $('credentialsMode').value;

/** Fills the panel: remembered fields first, then the demo's (`/demo-config.json`); secrets from the demo only. */
export function prefill(demo, saved) {
  const defaults = {
    credentialsMode: demo.identity ? 'cognito' : 'keys',
    accessKeyId: demo.credentials?.accessKeyId,
    identityPoolId: demo.identity?.identityPoolId,
    roleArn: demo.identity?.roleArn,
  };
  for (const id of REMEMBERED) $(id).value = saved[id] ?? defaults[id] ?? '';
  $('secretAccessKey').value = demo.credentials?.secretAccessKey ?? '';
  $('webIdentityToken').value = demo.identity?.oidcToken ?? '';
  showMode();
}

/**
 * Calls `onchange` after an edit of the connection: at each keystroke with access keys
 * (signing is local), once a field is committed with a provider (a new provider asks the
 * identity provider again).
 */
export function watch(onchange) {
  $('credentialsMode').addEventListener('change', showMode);
  $('connection').addEventListener('input', () => mode() === 'keys' && onchange());
  $('connection').addEventListener('change', () => mode() !== 'keys' && onchange());
}

function showMode() {
  for (const group of document.querySelectorAll('#connection [data-mode]')) group.hidden = group.dataset.mode !== mode();
  if (mode() === 'keys') $('credentials-status').replaceChildren();
}

/** The client's `credentials` for `region` and `endpoint`: the access keys, or the provider's function. */
export function credentials(region, endpoint) {
  if (mode() === 'keys') {
    return { accessKeyId: value('accessKeyId'), secretAccessKey: $('secretAccessKey').value, sessionToken: $('sessionToken').value || undefined };
  }
  const clientConfig = { region, endpoint };
  const parameters = mode() === 'cognito'
    ? { identityPoolId: value('identityPoolId'), logins: logins(value('loginProvider'), $('loginToken').value), clientConfig }
    : { roleArn: value('roleArn'), webIdentityToken: $('webIdentityToken').value, roleSessionName: value('roleSessionName') || undefined, clientConfig };
  const key = JSON.stringify([mode(), parameters]);
  if (key !== current.key) {
    current = { key, provider: observed(mode(), parameters), failed: false };
    $('credentials-status').replaceChildren(h('p', {}, 'Getting credentials…'));
  }
  return current.provider;
}

/** Unauthenticated without a login; with either half of one, both go to the provider, which checks them. */
const logins = (provider, token) => (provider || token ? { [provider]: token } : undefined);

/** The provider, whose every read (or failure, a wrong parameter included) the panel shows. */
function observed(kind, parameters) {
  let provider;
  try {
    provider = (kind === 'cognito' ? fromCognitoIdentityPool : fromWebToken)(parameters);
  } catch (err) {
    provider = () => Promise.reject(err);
  }
  const read = (options) => provider(options).then(
    (c) => { if (current.provider === read) show(c, false); return c; },
    (err) => { if (current.provider === read) show(err, true); throw err; },
  );
  return read;
}

function show(outcome, failed) {
  current.failed = failed;
  if (failed) {
    const messages = outcome.report?.issues.map((i) => i.message) ?? [outcome.message];
    const status = outcome.$metadata?.httpStatusCode;
    $('credentials-status').replaceChildren(
      h('p', { class: 'result-error' }, `Could not get credentials: ${outcome.name}${status ? ` (HTTP ${status})` : ''}`),
      h('ul', { class: 'issues' }, messages.map((m) => h('li', { class: 'error' }, m))));
    return;
  }
  const expires = outcome.expiration;
  $('credentials-status').replaceChildren(dl([
    ['Identity ID', outcome.identityId],
    ['Access key ID', outcome.accessKeyId],
    ['Expires (local time)', expires && h('time', { dateTime: expires.toISOString() }, expires.toLocaleString())],
  ]));
}

/**
 * Folds the panel to one line once a call has gone through (`where`: region and endpoint, as said),
 * with "Change connection" to unfold it and, with a demo to go back to, "Reset to the demo".
 */
export function fold(where) {
  const modeName = $('credentialsMode').selectedOptions[0].textContent;
  $('connection-line').textContent = `Connected: ${where}, ${modeName.toLowerCase()}.`;
  $('connection-summary').hidden = false;
  if ($('connection-change').getAttribute('aria-expanded') === 'false') $('connection-fields').hidden = true;
}

/** Wires the folded line's buttons; `reset()` puts the demo's connection back, if there is a demo. */
export function setUpFolding(reset) {
  $('connection-change').addEventListener('click', () => {
    const open = $('connection-fields').hidden;
    $('connection-fields').hidden = !open;
    $('connection-change').setAttribute('aria-expanded', String(open));
    $('connection-change').textContent = open ? 'Fold the connection' : 'Change connection';
    if (open) $('region').focus();
  });
  $('connection-reset').hidden = !reset;
  if (reset) {
    $('connection-reset').addEventListener('click', reset);
    $('connection-line').textContent = 'Not connected yet.';
    $('connection-summary').hidden = false;
  }
}

/** Unfolds the panel and says why no call goes through. */
export function notConnected(err) {
  $('connection-line').textContent = `Not connected: ${err.name}: ${err.message}`;
  $('connection-summary').hidden = false;
  $('connection-fields').hidden = false;
  $('connection-change').setAttribute('aria-expanded', 'true');
  $('connection-change').textContent = 'Fold the connection';
}

/** Whether the provider's last read failed (the preview then waits for a call or an edit rather than ask again). */
export const failing = () => mode() !== 'keys' && current.failed;

/** Reads the provider's credentials again to show them (refreshed by its cache when due), unless its last read failed. */
export function reread(credentialsValue) {
  if (typeof credentialsValue === 'function' && !failing()) credentialsValue().catch(() => {});
}
