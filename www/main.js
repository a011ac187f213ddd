// The demo page: builds the request with the form, validates as you type, previews the
// signed request, sends it with the module's client, imports and exports CLI JSON.
// Secrets live only in their inputs: never in storage, the URL or the console.
import init, { validate, createSignedRequest, CleanRoomsMlClient, version } from '/pkg/cleanroomsml_wasm.js';
import { renderForm, showIssues } from './form.js';

const $ = (id) => document.getElementById(id);
const STORAGE_KEY = 'cleanroomsml-wasm.demo';
const REMEMBERED = ['region', 'endpoint', 'accessKeyId'];
const SECRET_FIELDS = ['secretAccessKey', 'sessionToken'];

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

function connection() {
  const value = (id) => $(id).value.trim();
  return {
    region: value('region'),
    endpoint: value('endpoint') || undefined,
    credentials: { accessKeyId: value('accessKeyId'), secretAccessKey: $('secretAccessKey').value, sessionToken: $('sessionToken').value || undefined },
  };
}

/** Remembers the non-secret fields and the input; the secret and the token are left out by construction. */
function remember(input) {
  const saved = Object.fromEntries(REMEMBERED.map((id) => [id, $(id).value]));
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...saved, input }));
}

function preview(input, errors) {
  const cli = JSON.stringify(input, null, 2);
  $('cli-json').textContent = cli;
  if (errors) {
    $('preview').textContent = 'Fix the errors above to preview the signed request.';
    return;
  }
  try {
    const request = createSignedRequest(input, connection());
    const headers = { ...request.headers };
    if (headers['x-amz-security-token']) headers['x-amz-security-token'] = '•••••• (masked)';
    const headerLines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\n');
    $('preview').textContent = `${request.method} ${request.url}\n${headerLines}\n\n${request.body}`;
  } catch (err) {
    $('preview').textContent = `Cannot sign yet: ${err.path ? `${err.path}: ` : ''}${err.message}`;
  }
}

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

function dl(pairs) {
  const list = document.createElement('dl');
  for (const [term, value] of pairs) {
    if (value === undefined || value === null || value === '') continue;
    list.append(Object.assign(document.createElement('dt'), { textContent: term }), Object.assign(document.createElement('dd'), { textContent: String(value) }));
  }
  return list;
}

async function send(event) {
  event.preventDefault();
  const input = readInput();
  $('send').disabled = true;
  showResult([Object.assign(document.createElement('p'), { textContent: 'Sending…' })], '');
  try {
    const client = new CleanRoomsMlClient({ ...connection(), requestTimeoutMs: 15000 });
    const output = await client.createConfiguredModelAlgorithmAssociation(input);
    const title = Object.assign(document.createElement('p'), { textContent: 'Created.' });
    showResult([title, dl([['Association ARN', output.configuredModelAlgorithmAssociationArn], ['Status', output.$metadata.httpStatusCode], ['Request ID', output.$metadata.requestId], ['Attempts', output.$metadata.attempts]])], 'result-ok');
  } catch (err) {
    const title = Object.assign(document.createElement('p'), { textContent: err.name });
    showResult([title, dl([['Error', err.name], ['Message', err.message], ['Status', err.$metadata?.httpStatusCode], ['Request ID', err.$metadata?.requestId], ['Field', err.path]])], 'result-error');
  } finally {
    update();
  }
}

function exportJson() {
  const blob = new Blob([JSON.stringify(readInput(), null, 2) + '\n'], { type: 'application/json' });
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: 'cli-input.json' });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

async function importJson() {
  const file = $('import').files[0];
  if (!file) return;
  try {
    const input = JSON.parse(await file.text());
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('the file does not hold a JSON object');
    const unknown = validate(input).issues.filter((i) => i.code === 'unknownMember').map((i) => i.path);
    readInput = renderForm($('request-form'), input, update);
    update();
    $('import-status').textContent = `Imported ${file.name}.` + (unknown.length ? ` Ignored members the operation does not have: ${unknown.join(', ')}.` : '');
  } catch (err) {
    $('import-status').textContent = `Could not import ${file.name}: ${err.message}`;
  }
  $('import').value = '';
}

async function start() {
  await init();
  const demo = await fetch('/demo-config.json').then((r) => (r.ok ? r.json() : {}), () => ({}));
  const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
  $('region').value = saved.region ?? demo.region ?? 'us-east-1';
  $('endpoint').value = saved.endpoint ?? demo.endpoint ?? '';
  $('accessKeyId').value = saved.accessKeyId ?? demo.credentials?.accessKeyId ?? '';
  $('secretAccessKey').value = demo.credentials?.secretAccessKey ?? '';
  readInput = renderForm($('request-form'), saved.input ?? EXAMPLE, update);
  const form = $('form');
  form.addEventListener('input', update);
  form.addEventListener('change', (e) => e.target.id !== 'import' && update());
  form.addEventListener('submit', send);
  $('export').addEventListener('click', exportJson);
  $('import').addEventListener('change', importJson);
  $('status').textContent = `cleanroomsml-wasm ${version()} loaded.` + (demo.endpoint ? ` Sending to the local endpoint ${demo.endpoint} with demo credentials.` : '');
  $('status').dataset.state = 'ready';
  update();
}

start().catch((err) => {
  $('status').textContent = `The page failed to start: ${err.message}`;
  $('status').dataset.state = 'failed';
});
