// The member's workspace: the membership picker (#memberships, from Clean Rooms'
// ListMemberships) and the chosen membership's home (#home/<id>): its Clean Rooms ML
// resources by kind, name, status and age first, each with the next step of the custom-model
// workflow (algorithm → association → ML input channel → trained model → inference job) as
// a link to its operation's form, prefilled; a step that cannot run yet is shown disabled
// with its reason. While any resource is in progress the home lists them again, backing off,
// until all are settled. The chosen membership's ID (never a secret) is remembered.
import { validate as validateCleanRooms } from '/pkg/cleanrooms.js';
import { h } from './form.js';
import { opHash } from './answer.js';
import { dl, copyable } from './console.js';
import { getFor, SERVICES } from './model.js';
import { know, forget, observe } from './known.js';

// The workspace is Clean Rooms ML's, whichever service the operations view shows.
const { shapes } = SERVICES.cleanroomsml;
const $ = (id) => document.getElementById(id);
const MEMBERSHIP_KEY = 'cleanroomsml-wasm.membership';
/** The home's refresh: the first delay, its growth, its ceiling. */
const REFRESH = { firstMs: 1000, factor: 1.6, maxMs: 20_000 };

/** The page's clients and connection (main.js). */
let api;
/** The chosen membership: `{ id, collaborationId, collaborationName, account, abilities, members }`, once checked. */
let chosen = null;
/** The memberships ListMemberships answered, once listed. */
let listed = null;
/** Counts that make a slower earlier answer drop out; the pending refresh. */
let rendering = 0;
let refreshTimer;
/** The status message of each failed resource, by ARN (read once with its Get…). */
const failures = new Map();

/**
 * Wires the views once: `mlClient()` and `cleanRoomsClient()` are the page's; `connected()` is told
 * when a call went through, `notConnected(err)` when the memberships could not be listed.
 */
export function setUpWorkspace({ mlClient, cleanRoomsClient, connected, notConnected }) {
  api = { mlClient, cleanRoomsClient, connected, notConnected };
  $('membership-by-id').addEventListener('submit', openById);
}

/** The members the chosen membership fills in the operations' forms. */
export const chosenContext = () => (chosen ? { membershipIdentifier: chosen.id, collaborationIdentifier: chosen.collaborationId } : {});


/** Every item of a List… of either service, page after page. */
async function listAll(send, name, input, items) {
  const all = [];
  let nextToken;
  do {
    const page = await send(name, { ...input, nextToken });
    all.push(...(page[items] ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return all;
}

/** The account an ARN is in. */
const accountOf = (arn) => arn.split(':')[4];
const abilitiesOf = (m) => [...(m.memberAbilities ?? m.abilities ?? []), ...(m.mlMemberAbilities ?? m.mlAbilities)?.customMLMemberAbilities ?? []];

/** An age as a person reads it: `12 s`, `3 min`, `2 h`, `4 d`. */
function age(date) {
  const s = Math.max(0, Math.round((Date.now() - date) / 1000));
  const text = s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min` : s < 86400 ? `${Math.floor(s / 3600)} h` : `${Math.floor(s / 86400)} d`;
  return h('time', { dateTime: date.toISOString(), title: date.toLocaleString() }, text);
}

function stopRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = undefined;
}

/** Leaves the workspace's views: their refresh stops. */
export function leaveWorkspace() {
  stopRefresh();
  rendering++;
}

/** The membership picker. */
export async function showMemberships() {
  leaveWorkspace();
  const current = rendering;
  document.title = 'Your memberships · Clean Rooms ML';
  const tbody = $('memberships').tBodies[0];
  $('memberships-status').textContent = 'Loading your memberships…';
  try {
    const client = api.cleanRoomsClient();
    const memberships = await listAll((n, i) => client.send(n, i), 'ListMemberships', {}, 'membershipSummaries');
    // The member's own display name, from the collaboration's members.
    const names = await Promise.all(memberships.map((m) => (m.status !== 'ACTIVE' ? [] : listAll((n, i) => client.send(n, i), 'ListMembers', { collaborationIdentifier: m.collaborationId }, 'memberSummaries').catch(() => []))));
    if (current !== rendering) return;
    api.connected();
    listed = memberships;
    const last = localStorage.getItem(MEMBERSHIP_KEY);
    tbody.replaceChildren(...memberships.map((m, i) => {
      const me = names[i].find((member) => member.accountId === accountOf(m.arn));
      const open = m.status === 'ACTIVE'
        ? h('a', { href: `#home/${m.id}` }, m.collaborationName)
        : h('span', {}, m.collaborationName, h('span', { class: 'hint' }, ` (cannot be opened: ${m.status})`));
      return h('tr', {},
        h('th', { scope: 'row', 'data-label': 'Collaboration' }, open, m.id === last ? h('span', { class: 'hint' }, ' (last used)') : null),
        h('td', { 'data-label': 'Status' }, h('span', { class: `status status-${m.status}` }, m.status)),
        h('td', { 'data-label': 'You are' }, me?.displayName ?? ''),
        h('td', { 'data-label': 'Abilities' }, abilitiesOf(m).join(', ') || '(none)'),
        h('td', { 'data-label': 'Membership ID' }, copyable(m.id, `the membership ID of ${m.collaborationName}`)));
    }));
    const n = memberships.length;
    $('memberships-status').textContent = n ? `${n} membership${n === 1 ? '' : 's'}.` : 'You are a member of no collaboration yet.';
  } catch (err) {
    if (current !== rendering) return;
    $('memberships-status').textContent = `Could not list your memberships: ${err.name}: ${err.message}`;
    api.notConnected(err);
  }
}

/** The picker's "open by ID": a membership that is not one of the listed ones is refused, with the reason. */
function openById(event) {
  event.preventDefault();
  const id = $('membership-id').value.trim();
  const issues = $('membership-id-issues');
  const refused = (text) => {
    issues.replaceChildren(h('li', { class: 'error' }, text));
    $('membership-id').setAttribute('aria-invalid', 'true');
    $('membership-id').focus();
  };
  const problem = validateCleanRooms('GetMembership', { membershipIdentifier: id }).issues.find((i) => i.severity === 'error');
  if (problem) return refused(`Not a membership ID: ${problem.message}`);
  const found = listed?.find((m) => m.id === id);
  if (listed && !found) return refused(`${id} is not one of your memberships: check it, or choose one above.`);
  if (found && found.status !== 'ACTIVE') return refused(`The membership of ${found.collaborationName} is ${found.status}: it cannot be opened.`);
  issues.replaceChildren();
  $('membership-id').removeAttribute('aria-invalid');
  location.hash = `#home/${id}`;
}

/** The membership's home, once Clean Rooms confirms it is one of the caller's, and active. */
export async function showHome(id) {
  leaveWorkspace();
  const current = rendering;
  document.title = 'Membership · Clean Rooms ML';
  $('home-title').textContent = 'Membership';
  $('home-kinds').replaceChildren();
  $('home-membership').replaceChildren();
  $('home-refresh').textContent = 'Checking the membership…';
  const problem = validateCleanRooms('GetMembership', { membershipIdentifier: id }).issues.find((i) => i.severity === 'error');
  if (problem) return refuse(id, `it is not a membership ID (${problem.message})`);
  let read;
  try {
    read = await readMembership(id);
    if (read.membership.status !== 'ACTIVE') {
      if (current === rendering) refuse(id, `its status is ${read.membership.status}`);
      return;
    }
  } catch (err) {
    if (current !== rendering) return;
    // No answer, or one that refuses the caller rather than the membership: the connection is at fault.
    if (!err.$metadata?.httpStatusCode || /Signature|UnrecognizedClient|Credentials|Token/.test(err.name)) {
      $('home-refresh').textContent = '';
      $('home-membership').replaceChildren(h('p', { class: 'result-error' }, `Could not reach Clean Rooms: ${err.name}: ${err.message}`));
      return api.notConnected(err);
    }
    refuse(id, `Clean Rooms answered ${err.name}: ${err.message}`);
    return;
  }
  if (current !== rendering) return;
  api.connected();
  adopt(id, read);
  const { membership, members, templates } = read;
  $('home-title').textContent = `${membership.collaborationName}: your workspace`;
  document.title = `${membership.collaborationName} · Clean Rooms ML`;
  $('home-membership').replaceChildren(dl([
    ['Collaboration', membership.collaborationName],
    ['Membership ID', copyable(id, 'the membership ID')],
    ['Your abilities', chosen.abilities.join(', ') || '(none)'],
    ['Members', members.map((m) => `${m.displayName} (${m.accountId}): ${abilitiesOf(m).join(', ') || 'no abilities'}`).join('; ')],
    ['Analysis templates', templates.map((t) => t.name).join(', ') || '(none)'],
  ]), h('p', {}, h('a', { href: '#memberships' }, 'Choose another membership')));
  await refresh(current, 0);
}

/** The membership `id` as Clean Rooms answers it, with its collaboration's members and its analysis templates. */
async function readMembership(id) {
  const client = api.cleanRoomsClient();
  const { membership } = await client.send('GetMembership', { membershipIdentifier: id });
  if (membership.status !== 'ACTIVE') return { membership };
  const [members, templates] = await Promise.all([
    listAll((n, i) => client.send(n, i), 'ListMembers', { collaborationIdentifier: membership.collaborationId }, 'memberSummaries'),
    listAll((n, i) => client.send(n, i), 'ListAnalysisTemplates', { membershipIdentifier: id }, 'analysisTemplateSummaries'),
  ]);
  return { membership, members, templates };
}

/** Makes `id` (read by readMembership) the chosen membership: remembered, its members and templates offered by name, the links home. */
function adopt(id, { membership, members, templates }) {
  const account = accountOf(membership.arn);
  chosen = { id, collaborationId: membership.collaborationId, collaborationName: membership.collaborationName, account, abilities: abilitiesOf(membership), members };
  localStorage.setItem(MEMBERSHIP_KEY, id);
  for (const m of members) know(m.accountId, m.accountId === account ? `${m.displayName} (you)` : m.displayName, 'member account');
  for (const t of templates) know(t.arn, t.name, 'analysis template');
  for (const link of [$('nav-home'), $('op-home')]) link.href = `#home/${id}`;
  $('nav-home').hidden = false;
}

/** The remembered membership chosen again, quietly, for a page opened on another view; left unchosen if it is no longer usable. */
export async function restoreChosen() {
  const id = localStorage.getItem(MEMBERSHIP_KEY);
  if (!id || chosen) return;
  const read = await readMembership(id).catch(() => null);
  if (read?.membership.status === 'ACTIVE' && !chosen) adopt(id, read);
}

/** Says why `id` is not used, and forgets it if it was remembered. */
function refuse(id, why) {
  chosen = null;
  if (localStorage.getItem(MEMBERSHIP_KEY) === id) localStorage.removeItem(MEMBERSHIP_KEY);
  $('nav-home').hidden = true;
  $('home-title').textContent = 'Membership not opened';
  document.title = 'Membership not opened · Clean Rooms ML';
  $('home-refresh').textContent = '';
  $('home-membership').replaceChildren(
    h('p', { class: 'result-error' }, `The membership "${id}" cannot be used: ${why}.`),
    h('p', {}, h('a', { href: '#memberships' }, 'Choose one of your memberships')));
}

const firstEnum = (shape, preferred) => (shapes[shape].enum.includes(preferred) ? preferred : shapes[shape].enum[0]);

/** The kinds of resource the home shows, in the workflow's order; `account`: listed for the account, not the membership. */
const KINDS = [
  { title: 'Configured model algorithms', kind: 'configured model algorithm', list: 'ListConfiguredModelAlgorithms', items: 'configuredModelAlgorithms', arn: 'configuredModelAlgorithmArn', account: true,
    start: ['Configure an algorithm', 'CreateConfiguredModelAlgorithm', {}] },
  { title: 'Algorithm associations', kind: 'configured model algorithm association', list: 'ListConfiguredModelAlgorithmAssociations', items: 'configuredModelAlgorithmAssociations', arn: 'configuredModelAlgorithmAssociationArn',
    start: ['Associate an algorithm', 'CreateConfiguredModelAlgorithmAssociation', {}] },
  { title: 'ML input channels', kind: 'ML input channel', list: 'ListMLInputChannels', items: 'mlInputChannelsList', arn: 'mlInputChannelArn' },
  { title: 'Trained models', kind: 'trained model', list: 'ListTrainedModels', items: 'trainedModels', arn: 'trainedModelArn' },
  { title: 'Inference jobs', kind: 'inference job', list: 'ListTrainedModelInferenceJobs', items: 'trainedModelInferenceJobs', arn: 'trainedModelInferenceJobArn' },
  { title: 'Training datasets', kind: 'training dataset', list: 'ListTrainingDatasets', items: 'trainingDatasets', arn: 'trainingDatasetArn', account: true },
  { title: 'Audience models', kind: 'audience model', list: 'ListAudienceModels', items: 'audienceModels', arn: 'audienceModelArn', account: true },
  { title: 'Configured audience models', kind: 'configured audience model', list: 'ListConfiguredAudienceModels', items: 'configuredAudienceModels', arn: 'configuredAudienceModelArn', account: true },
  { title: 'Audience generation jobs', kind: 'audience generation job', list: 'ListAudienceGenerationJobs', items: 'audienceGenerationJobs', arn: 'audienceGenerationJobArn', account: true },
];

const inProgress = (status) => /(PENDING|IN_PROGRESS|STARTED|SUBMITTED|CANCELLING)$/.test(status ?? '');
const failed = (status) => /FAILED$/.test(status ?? '');

/** Why a step from a resource in `status` cannot run yet, or ''. */
const notActive = (item, what) => (item.status === 'ACTIVE' ? '' : failed(item.status) ? `${what} failed (${item.status})` : `${what} is not ACTIVE yet (${item.status})`);

/** The next steps of the workflow from `item` of `kind`: `[text, operation, input, reason]`. */
function nextSteps(kind, item) {
  const membershipIdentifier = chosen.id;
  const arn = item[kind.arn];
  switch (kind.list) {
    case 'ListConfiguredModelAlgorithms':
      // Container logs to this member to begin with; the form offers the collaboration's members.
      return [['Associate', 'CreateConfiguredModelAlgorithmAssociation', {
        membershipIdentifier, configuredModelAlgorithmArn: arn,
        privacyConfiguration: { policies: { trainedModels: { containerLogs: [{ allowedAccountIds: [chosen.account] }] } } },
      }, '']];
    case 'ListConfiguredModelAlgorithmAssociations':
      return [['Create ML input channel', 'CreateMLInputChannel', {
        membershipIdentifier, configuredModelAlgorithmAssociations: [arn],
        inputChannel: { dataSource: { protectedQueryInputParameters: { sqlParameters: {} } } }, retentionInDays: 30,
      }, '']];
    case 'ListMLInputChannels':
      return [['Train a model', 'CreateTrainedModel', {
        membershipIdentifier, configuredModelAlgorithmAssociationArn: item.configuredModelAlgorithmAssociations?.[0],
        resourceConfig: { instanceType: firstEnum('InstanceType', 'ml.m5.xlarge'), volumeSizeInGB: 10 },
        dataChannels: [{ mlInputChannelArn: arn, channelName: 'train' }],
      }, notActive(item, 'The ML input channel')]];
    case 'ListTrainedModels': {
      const receivers = chosen.members.filter((m) => abilitiesOf(m).includes('CAN_RECEIVE_INFERENCE_OUTPUT'));
      const reason = notActive(item, 'The trained model')
        || (chosen.abilities.includes('CAN_RECEIVE_INFERENCE_OUTPUT') ? '' : 'you lack CAN_RECEIVE_INFERENCE_OUTPUT in this collaboration');
      // One member receives the exported model: this one if it can, else the first that can.
      const exportTo = [...chosen.members].sort((a, b) => (b.accountId === chosen.account) - (a.accountId === chosen.account))
        .find((m) => abilitiesOf(m).includes('CAN_RECEIVE_MODEL_OUTPUT'));
      return [
        ['Run inference', 'StartTrainedModelInferenceJob', {
          membershipIdentifier, trainedModelArn: arn, configuredModelAlgorithmAssociationArn: item.configuredModelAlgorithmAssociationArn,
          resourceConfig: { instanceType: firstEnum('InferenceInstanceType', 'ml.m5.xlarge') },
          outputConfiguration: { members: receivers.map((m) => ({ accountId: m.accountId })) }, dataSource: {},
        }, reason],
        ['Export', 'StartTrainedModelExportJob', { membershipIdentifier, trainedModelArn: arn, outputConfiguration: { members: exportTo ? [{ accountId: exportTo.accountId }] : [] } },
          notActive(item, 'The trained model') || (exportTo ? '' : 'no member of the collaboration has CAN_RECEIVE_MODEL_OUTPUT')],
        ['Export jobs', 'ListCollaborationTrainedModelExportJobs', { collaborationIdentifier: chosen.collaborationId, trainedModelArn: arn }, ''],
      ];
    }
    case 'ListTrainedModelInferenceJobs':
      return inProgress(item.status) ? [['Cancel', 'CancelTrainedModelInferenceJob', { membershipIdentifier, trainedModelInferenceJobArn: arn }, '']] : [];
    default:
      return [];
  }
}

/** A step as a link to its prefilled form, or a disabled button with its reason beside it. */
function step([text, operation, input, reason], name) {
  const key = `${operation} ${name}`;
  if (!reason) return h('a', { href: opHash(operation, input, 'cleanroomsml'), class: 'button', 'data-key': key, 'aria-label': `${text}: ${name}` }, text);
  const id = `why-${CSS.escape(key).replace(/[^\w-]/g, '_')}`;
  return h('span', { class: 'blocked' }, h('button', { type: 'button', disabled: true, 'aria-label': `${text}: ${name}`, 'aria-describedby': id }, text), h('span', { id, class: 'hint' }, ` Cannot run: ${reason}.`));
}

/** A kind's section: its table (name, status, age, next steps, ARN), or why it could not be listed. */
function kindSection(kind, index, outcome) {
  const titleId = `kind-${index}`;
  const start = kind.start && h('p', {}, h('a', { href: opHash(kind.start[1], kind.start[2], 'cleanroomsml'), class: 'button', 'data-key': kind.start[1] }, kind.start[0]));
  const heading = h('h3', { id: titleId }, kind.title, outcome.items ? h('span', { class: 'hint' }, ` (${outcome.items.length}${kind.account ? ', the account\'s' : ''})`) : null);
  if (outcome.err) return h('section', { 'aria-labelledby': titleId }, heading, h('p', { class: 'result-error' }, `Could not list them: ${outcome.err.name}: ${outcome.err.message}`), start);
  if (!outcome.items.length) return h('section', { 'aria-labelledby': titleId }, heading, h('p', { class: 'hint' }, 'None yet.'), start);
  const rows = outcome.items.map((item) => {
    const arn = item[kind.arn];
    const get = getFor(arn);
    const name = item.name ?? arn;
    const message = failures.get(arn);
    return h('tr', {},
      h('th', { scope: 'row', 'data-label': 'Name' }, get ? h('a', { href: opHash(get.operation, get.input, get.service), 'data-key': `open ${arn}` }, name) : name),
      h('td', { 'data-label': 'Status' }, item.status ? h('span', { class: `status status-${item.status}` }, item.status) : '—',
        message ? h('p', { class: 'result-error status-message' }, message) : null),
      h('td', { 'data-label': 'Age' }, age(item.createTime)),
      h('td', { 'data-label': 'Next step' }, nextSteps(kind, item).map((s) => step(s, name))),
      h('td', { 'data-label': 'ARN' }, copyable(arn, `the ARN of ${name}`)));
  });
  return h('section', { 'aria-labelledby': titleId }, heading, h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', { class: 'visually-hidden' }, `${kind.title} of the membership`),
    h('thead', {}, h('tr', {}, ['Name', 'Status', 'Age', 'Next step', 'ARN'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows))), start);
}

/** Lists every kind, shows them, and lists them again later while any is in progress. */
async function refresh(current, attempt) {
  const client = api.mlClient();
  const send = (n, i) => client.send(n, i);
  const outcomes = await Promise.all(KINDS.map((kind) => listAll(send, kind.list, kind.account ? {} : { membershipIdentifier: chosen.id }, kind.items)
    .then((items) => ({ items }), (err) => ({ err }))));
  // A failed resource's message, from its Get… (the lists' summaries do not carry it).
  await Promise.all(KINDS.flatMap((kind, k) => (outcomes[k].items ?? []).filter((item) => failed(item.status) && !failures.has(item[kind.arn])).map(async (item) => {
    const get = getFor(item[kind.arn]);
    const answer = get ? await send(get.operation, get.input).catch(() => ({})) : {};
    failures.set(item[kind.arn], answer.statusDetails?.message ?? answer.statusDetails?.statusCode ?? 'No status message.');
  })));
  if (current !== rendering) return;
  // What can be named in an input is offered by name; a failed resource cannot be.
  KINDS.forEach((kind, k) => {
    for (const item of outcomes[k].items ?? []) {
      if (failed(item.status)) forget(item[kind.arn]);
      else know(item[kind.arn], item.name, kind.kind);
      observe(item[kind.arn], item.status);
    }
  });
  // The same control keeps the focus across a refresh.
  const focused = document.activeElement?.closest('#home-kinds [data-key]')?.dataset.key;
  $('home-kinds').replaceChildren(...KINDS.map((kind, k) => kindSection(kind, k, outcomes[k])));
  if (focused) $('home-kinds').querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus();
  const busy = outcomes.flatMap((o) => o.items ?? []).filter((item) => inProgress(item.status)).length;
  const at = new Date().toLocaleTimeString();
  if (!busy) {
    $('home-refresh').textContent = `Last refreshed at ${at}. Every resource is settled: not refreshing.`;
    return;
  }
  const delay = Math.min(REFRESH.firstMs * REFRESH.factor ** attempt, REFRESH.maxMs);
  $('home-refresh').textContent = `Last refreshed at ${at}. ${busy} in progress: refreshing again in ${Math.round(delay / 1000)} s.`;
  refreshTimer = setTimeout(() => refresh(current, attempt + 1), delay);
}
