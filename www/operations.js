// The operations view (#operations): every operation of the model, grouped by the resource
// it acts on (model.js's GROUPS), each a link to its form, with a filter box that matches
// the operation's name, its CLI command and its group, word by word.
import { h } from './form.js';
import { operations, GROUPS, groupOf, cliCommand } from './model.js';
import { opHash } from './answer.js';

/** Renders the groups into `container`; `filter` (an input) narrows them, `status` says how many are shown. */
export function renderOperations(container, filter, status) {
  const names = Object.keys(operations);
  const groups = GROUPS.map(([title], g) => {
    const items = names.filter((name) => groupOf(name) === title).map((name) => h('li', { 'data-search': `${name} ${cliCommand(name)} ${title}`.toLowerCase() },
      h('a', { href: opHash(name) }, name), h('span', { class: 'hint' }, ` ${operations[name].method}`)));
    const section = h('section', { 'aria-labelledby': `group-${g}` }, h('h3', { id: `group-${g}` }, title), h('ul', { class: 'links' }, items));
    return { section, items };
  });
  container.replaceChildren(...groups.map((g) => g.section));
  const apply = () => {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const { section, items } of groups) {
      for (const item of items) item.hidden = !words.every((w) => item.dataset.search.includes(w));
      const visible = items.filter((item) => !item.hidden).length;
      section.hidden = visible === 0;
      shown += visible;
    }
    status.textContent = shown === names.length ? `${shown} operations.` : `${shown} of ${names.length} operations match.`;
  };
  filter.addEventListener('input', apply);
  apply();
}
