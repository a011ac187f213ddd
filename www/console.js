// The console's views beside the create form: a membership's associations (a table, with
// "Load more" while the service returns a nextToken) and one association's details, with
// its deletion behind a confirmation. Everything shown is what the module's client returns.
import { h } from './form.js';

/** Associations per page of the table. */
export const PAGE_SIZE = 10;

/** A time as the table shows it: `2026-11-30 02:59 UTC`. */
export const shownTime = (date) => (date instanceof Date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '');

/** The hash of an association's details view. */
export const detailsHash = (membership, arn) => `#association/${membership}/${encodeURIComponent(arn)}`;

/** An algorithm as shown: its name once listed (`algorithms`: ARN → name), else the id its ARN ends with. */
const algorithmName = (arn, algorithms) => algorithms.get(arn) ?? arn.slice(arn.lastIndexOf('/') + 1);

/** A definition list of `[term, value]` pairs (a value is text or a node); one unset or empty is left out. */
export const dl = (pairs) =>
  h('dl', {}, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '').flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value instanceof Node ? value : String(value))]));

/** Rows for the table, appended to `tbody`; algorithm names come from `algorithms` (ARN → name). */
export function appendRows(tbody, membership, summaries, algorithms) {
  for (const a of summaries) {
    tbody.append(h('tr', {},
      h('td', { 'data-label': 'Name' }, h('a', { href: detailsHash(membership, a.configuredModelAlgorithmAssociationArn) }, a.name)),
      h('td', { 'data-label': 'Algorithm' }, algorithmName(a.configuredModelAlgorithmArn, algorithms)),
      h('td', { 'data-label': 'Created' }, h('time', { dateTime: a.createTime.toISOString() }, shownTime(a.createTime))),
      h('td', { 'data-label': 'ARN', class: 'arn' }, a.configuredModelAlgorithmAssociationArn),
    ));
  }
}

/** An association's fields, privacy configuration included, as a definition list and JSON. */
export function detailsOf(association, algorithms) {
  const rows = [
    ['Name', association.name],
    ['Description', association.description],
    ['ARN', association.configuredModelAlgorithmAssociationArn],
    ['Algorithm', `${algorithmName(association.configuredModelAlgorithmArn, algorithms)} (${association.configuredModelAlgorithmArn})`],
    ['Membership', association.membershipIdentifier],
    ['Collaboration', association.collaborationIdentifier],
    ['Created', shownTime(association.createTime)],
    ['Updated', shownTime(association.updateTime)],
    ['Tags', Object.entries(association.tags ?? {}).map(([k, v]) => `${k}=${v}`).join(', ') || '(none)'],
  ];
  const privacy = association.privacyConfiguration
    ? h('pre', { tabIndex: 0, 'aria-labelledby': 'privacy-title' }, JSON.stringify(association.privacyConfiguration, null, 2))
    : h('p', {}, 'No privacy configuration: the collaboration\'s defaults apply.');
  return [dl(rows), h('h3', { id: 'privacy-title' }, 'Privacy configuration'), privacy];
}

/**
 * An ARN or ID shortened to its last part (the whole in its title), with a button that copies
 * the whole; `href`: the shortened text is a link there.
 */
export function copyable(value, what, href) {
  const tail = value.slice(value.lastIndexOf('/') + 1);
  const short = tail.length > 20 ? `…${tail.slice(-12)}` : tail;
  const said = h('span', { class: 'copied', role: 'status' });
  const copy = h('button', {
    type: 'button', class: 'copy', 'aria-label': `Copy ${what}`, 'data-key': `copy ${value}`,
    onclick: () => navigator.clipboard.writeText(value).then(() => { said.textContent = 'Copied.'; }, () => { said.textContent = `Could not copy: select ${value}`; }),
  }, 'Copy');
  const text = h('code', { title: value }, short);
  return h('span', { class: 'copyable' }, href ? h('a', { href, class: 'arn' }, text) : text, ' ', copy, said);
}
