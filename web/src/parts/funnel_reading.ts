// Where a unit lies against the funnel limits, in words with a coloured mark that repeats them
// (blue better, orange worse, purple high or low where neither direction is better; bold beyond
// the 99.8% limits). The commissioner's comparison and the oversight report both show it.
//
//   cell.append(funnelReading('WORSE (99.8%)'));
//   cell.append(funnelReading(funnelWords('below_95', 'lower_is_better')));   // "better (95%)"

import type { Indicator } from '../api';
import { el } from '../dom';

export type FunnelTone = 'better' | 'worse' | 'neither' | 'within';

// How the server's funnel position reads: "better (99.8%)" or "worse (95%)" (WORSE at 99.8%),
// "high (95%)" or "low (99.8%)" when neither direction is better, or "within".
export function funnelTone(position: string): FunnelTone {
  const words = position.toLowerCase();
  if (words.startsWith('better')) return 'better';
  if (words.startsWith('worse')) return 'worse';
  return words.startsWith('high') || words.startsWith('low') ? 'neither' : 'within';
}

export function funnelReading(position: string): HTMLElement {
  const outer = position.includes('99.8%');
  return el('span', { class: `reading reading-${funnelTone(position)}${outer ? ' reading-outer' : ''}` }, position);
}

// The oversight report's funnel code (`within`, `above_95`, `below_99.8`) in the words the
// comparison's server sends (src/report/quality_render.cc, FunnelText), read by the indicator's
// polarity; '' when there is none.
export function funnelWords(code: string, polarity: Indicator['polarity']): string {
  const match = /^(above|below)_(95|99\.8)$/.exec(code);
  if (!match) return code;
  const [, side, limit] = match;
  const high = side === 'above';
  const better = polarity === 'neither' ? null : high === (polarity === 'higher_is_better');
  const words = better === null ? (high ? 'high' : 'low') : better ? 'better' : limit === '99.8' ? 'WORSE' : 'worse';
  return `${words} (${limit}%)`;
}
