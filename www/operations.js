// The operations view (#operations): every operation of both services, each service's grouped
// by the resource it acts on (model.js's GROUPS), each a link to its form, with a filter box
// that matches the operation's name, its CLI command, its group and its service, word by word.
import { h } from './form.js';
import { SERVICES, GROUPS, groupOf, cliCommand } from './model.js';
import { opHash } from './answer.js';

/** Renders the services and their groups into `container`; `filter` (an input) narrows them, `status` says how many are shown. */
export function renderOperations(container, filter, status) {
  const sections = [];
  const groups = [];
  for (const [service, { operations, title, cli }] of Object.entries(SERVICES)) {
    const names = Object.keys(operations);
    const own = GROUPS[service].map(([group], g) => {
      const items = names.filter((name) => groupOf(name, service) === group).map((name) => h('li', { 'data-search': `${name} ${cliCommand(name)} ${group} ${title} ${cli}`.toLowerCase() },
        h('a', { href: opHash(name, {}, service) }, name), h('span', { class: 'hint' }, ` ${operations[name].method}`)));
      const id = `group-${service}-${g}`;
      return { section: h('section', { 'aria-labelledby': id }, h('h4', { id }, group), h('ul', { class: 'links' }, items)), items };
    });
    const id = `service-${service}`;
    const section = h('section', { 'aria-labelledby': id }, h('h3', { id }, `${title}: ${names.length} operations`), own.map((g) => g.section));
    sections.push(section);
    groups.push({ section, own });
  }
  container.replaceChildren(...sections);
  const total = groups.reduce((n, { own }) => n + own.reduce((m, g) => m + g.items.length, 0), 0);
  const apply = () => {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const { section, own } of groups) {
      let inService = 0;
      for (const { section: groupSection, items } of own) {
        for (const item of items) item.hidden = !words.every((w) => item.dataset.search.includes(w));
        const visible = items.filter((item) => !item.hidden).length;
        groupSection.hidden = visible === 0;
        inService += visible;
      }
      section.hidden = inService === 0;
      shown += inService;
    }
    status.textContent = shown === total ? `${shown} operations.` : `${shown} of ${total} operations match.`;
  };
  filter.addEventListener('input', apply);
  apply();
}
