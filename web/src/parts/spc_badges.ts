// NHS England's Making Data Count icons, drawn small: a coloured circle for the variation
// (grey common cause, blue improving, orange concerning, purple a change where neither
// direction is better) and one for the assurance against the target (blue passes, orange fails,
// grey hit and miss). The circle is decoration; the words beside it carry the meaning, so
// colour is never the only cue.

import type { Assurance, Variation } from '../api';
import { el } from '../dom';

const kSvg = 'http://www.w3.org/2000/svg';

interface Look {
  tone: string; // a class in styles.css that sets the circle's colour
  glyph: string; // one or two characters inside the circle
  words: string;
}

const kVariation: Record<Variation, Look> = {
  'common cause': { tone: 'tone-common', glyph: '~', words: 'Common cause variation' },
  improving: { tone: 'tone-improving', glyph: '+', words: 'Special cause: improving' },
  concerning: { tone: 'tone-concerning', glyph: '!', words: 'Special cause: concerning' },
  'special cause, high': { tone: 'tone-neither', glyph: 'H', words: 'Special cause: higher' },
  'special cause, low': { tone: 'tone-neither', glyph: 'L', words: 'Special cause: lower' },
};

const kAssurance: Record<Assurance, Look> = {
  passes: { tone: 'tone-improving', glyph: 'P', words: 'Consistently passes the target' },
  fails: { tone: 'tone-concerning', glyph: 'F', words: 'Consistently fails the target' },
  'hit and miss': { tone: 'tone-common', glyph: '?', words: 'Hit and miss against the target' },
};

export function variationBadge(variation: Variation | null): HTMLElement {
  if (variation === null) return el('span', { class: 'badge none' }, 'Too few months to chart');
  return badge(kVariation[variation] ?? { tone: 'tone-common', glyph: '?', words: variation });
}

export function assuranceBadge(assurance: Assurance | null): HTMLElement {
  if (assurance === null) return el('span', { class: 'badge none' }, 'No target');
  return badge(kAssurance[assurance] ?? { tone: 'tone-common', glyph: '?', words: assurance });
}

function badge(look: Look): HTMLElement {
  const svg = document.createElementNS(kSvg, 'svg');
  svg.setAttribute('viewBox', '0 0 20 20');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `icon ${look.tone}`);
  const circle = document.createElementNS(kSvg, 'circle');
  circle.setAttribute('cx', '10');
  circle.setAttribute('cy', '10');
  circle.setAttribute('r', '9');
  const text = document.createElementNS(kSvg, 'text');
  text.setAttribute('x', '10');
  text.setAttribute('y', '14');
  text.setAttribute('text-anchor', 'middle');
  text.textContent = look.glyph;
  svg.append(circle, text);
  return el('span', { class: 'badge' }, svg, el('span', {}, look.words));
}

// The key below the indicator table, so the icons can be learnt once.
export function badgeKey(): HTMLElement {
  const looks = [...Object.values(kVariation), ...Object.values(kAssurance)];
  return el(
    'details',
    { class: 'key' },
    el('summary', {}, 'What the variation and assurance icons mean'),
    el(
      'p',
      {},
      'Variation is read from each indicator’s monthly XmR chart with Making Data Count’s rules ' +
        '(a point beyond a process limit, a run of points on one side of the mean, a trend, two of three ' +
        'points near a limit). Assurance says whether the process limits lie wholly on one side of the target.',
    ),
    el('ul', {}, looks.map((look) => el('li', {}, badge(look)))),
  );
}
