// How numbers, dates and suppressed counts read on every page (British English).

import type { Indicator } from './api';
import { el } from './dom';

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export function count(n: number): string {
  return whole.format(n);
}

// A count that disclosure control may have withheld: null reads "suppressed", with the reason
// for anyone who asks (title) and for screen readers (the visually hidden text).
// Why a count is withheld: it is small, or it would let a reader work out one that is.
export const kWithheldCount = 'a count of 1 to 7, or one that would tell such a count';

export function disclosedCount(n: number | null): Node {
  if (n !== null) return document.createTextNode(count(n));
  return suppressed(kWithheldCount);
}

// What disclosure control withheld, with why: 'a count of 1 to 7', or for a value 'it rests on
// a suppressed count'.
export function suppressed(why: string): HTMLElement {
  return el(
    'span',
    { class: 'suppressed', title: `Suppressed: ${why}` },
    'suppressed',
    el('span', { class: 'visually-hidden' }, ` (${why})`),
  );
}

// The notice above a page whose counts are under disclosure control (commissioner, evaluator):
// `rule` says what the page's counts are rounded and suppressed to.
export function disclosureNotice(rule: string): HTMLElement {
  return el('p', { class: 'notice', 'data-testid': 'disclosure' }, el('strong', {}, 'Disclosure control: '), rule);
}

// A value the server left out: its counts were suppressed, or there was nothing to count.
export function notShown(): HTMLElement {
  return el('span', { title: 'Not shown' }, '–', el('span', { class: 'visually-hidden' }, 'not shown'));
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// The server's messages start in lower case, to be quoted inside sentences; alone, one reads as a
// sentence.
export function sentence(message: string): string {
  const text = capitalise(message);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function percent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

// Proportions arrive as fractions, rates per `per` person-years, ratios as plain numbers.
// What formatting needs of an indicator: the overview's and the quality page's both have it.
type Measured = Pick<Indicator, 'measure' | 'per'>;

export function indicatorValue(indicator: Measured, value: number | null): string {
  if (value === null) return '–';
  switch (indicator.measure) {
    case 'proportion':
      return percent(value);
    case 'rate':
      return value >= 100 ? count(value) : value.toFixed(1);
    case 'ratio':
      return value.toFixed(2);
  }
}

export function indicatorUnit(indicator: Measured): string {
  switch (indicator.measure) {
    case 'proportion':
      return '';
    case 'rate':
      return `per ${count(indicator.per ?? 1)} person-years`;
    case 'ratio':
      return 'ratio';
  }
}

const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const moment = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'UTC',
});

// An ISO date (2025-03-31) as "31 March 2025".
export function date(iso: string): string {
  const parsed = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? iso : day.format(parsed);
}

// An ISO date-time as "31 Mar 2025, 14:02:11 UTC".
export function dateTime(iso: string): string {
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime()) ? iso : `${moment.format(parsed)} UTC`;
}

const poundsWhole = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const poundsAndPence = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

// Money arrives in pence; it reads as £12,345 (or £12,345.67 where pence matter).
export function pounds(pence: number, withPence = false): string {
  return (withPence ? poundsAndPence : poundsWhole).format(pence / 100);
}

// A variance, with its sign: +£99,678 over budget, −£37,616 under (−£37,615.82 with pence).
export function signedPounds(pence: number, withPence = false): string {
  const text = pounds(Math.abs(pence), withPence);
  return pence > 0 ? `+${text}` : pence < 0 ? `−${text}` : text;
}

export function signedPercent(pct: number): string {
  const text = `${Math.abs(pct).toFixed(1)}%`;
  return pct > 0 ? `+${text}` : pct < 0 ? `−${text}` : text;
}

const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

// A month (2024-09) as "September 2024".
export function month(iso: string): string {
  const parsed = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? iso : monthName.format(parsed);
}
