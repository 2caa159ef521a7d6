// Builds DOM elements from plain values. Text always goes in as text nodes, never as HTML, so
// nothing the server returns can inject markup.
//
//   el('p', { class: 'note' }, 'Counts are rounded to the nearest 5.')
//   el('button', { type: 'button', onclick: signOut }, 'Sign out')

export type Child = Node | string | number | null | undefined | false | Child[];

type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(name.replace(/^on/, ''), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// Replaces everything inside `parent` with `children`.
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

// A section named by its h2 heading (id `${id}-heading`, for regions inside it to refer to).
export function section(id: string, heading: Child, ...children: Child[]): HTMLElement {
  return sectionAt(2, id, heading, ...children);
}

// A section named by its h2 heading, or by an h3 when it sits inside another section.
export function sectionAt(level: 2 | 3, id: string, heading: Child, ...children: Child[]): HTMLElement {
  return el(
    'section',
    { 'aria-labelledby': `${id}-heading` },
    el(level === 2 ? 'h2' : 'h3', { id: `${id}-heading` }, heading),
    ...children,
  );
}

// One figure of a summary (<dl class="summary">): its name and its value, which tests find by
// `testid` when given.
export function summaryItem(term: Child, testid: string | null, ...value: Child[]): HTMLElement {
  return el('div', {}, el('dt', {}, term), el('dd', { 'data-testid': testid }, ...value));
}

export interface TableOptions {
  numeric?: number[]; // columns whose cells are right-aligned
  rowHeader?: number; // the column whose cell names its row (a <th scope="row">)
  hiddenCaption?: boolean; // the caption is for screen readers; a heading shows it already
}

// A table with a caption, a header row and rows of cells; a cell may be any child.
export function table(caption: string, headers: string[], rows: Child[][], options: TableOptions = {}): HTMLTableElement {
  const align = (i: number) => (options.numeric?.includes(i) ? 'numeric' : null);
  const cell = (content: Child, i: number) =>
    i === options.rowHeader
      ? el('th', { scope: 'row', class: align(i) }, content)
      : el('td', { class: align(i) }, content);
  return el(
    'table',
    {},
    el('caption', { class: options.hiddenCaption ? 'visually-hidden' : null }, caption),
    el('thead', {}, el('tr', {}, headers.map((h, i) => el('th', { scope: 'col', class: align(i) }, h)))),
    el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map(cell)))),
  );
}

// A form control with its label above it and, when given, a hint that describes it (id
// `${control.id}-hint`). The control needs its id.
export function field(control: HTMLElement, label: string, hint?: string): HTMLElement {
  const hintId = `${control.id}-hint`;
  if (hint) control.setAttribute('aria-describedby', hintId);
  return el(
    'div',
    { class: 'field' },
    el('label', { for: control.id }, label),
    hint ? el('span', { id: hintId, class: 'hint' }, hint) : null,
    control,
  );
}

// Lets a wide table scroll sideways on a narrow screen; the region takes focus so keyboard
// users can scroll it too.
export function scrollable(labelledBy: string, content: HTMLElement): HTMLElement {
  return el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': labelledBy }, content);
}
