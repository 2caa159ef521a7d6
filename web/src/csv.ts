// Tables as CSV files the browser downloads, built from the figures on the page.
//
//   downloadCsv('case-finding-P1.csv', ['patient', 'risk'], [['1', '0.31']]);
//   section.append(downloadButton('the figures', () => downloadCsv(...)));

import { el } from './dom';

export function toCsv(header: string[], rows: (string | number)[][]): string {
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

// Quotes a cell when it must be, and defuses text a spreadsheet would run as a formula.
function cell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function downloadCsv(filename: string, header: string[], rows: (string | number)[][]): void {
  const blob = new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

// A Download CSV button whose name says, for screen readers, which table it saves: a page may
// have more than one.
export function downloadButton(what: string, onclick: () => void): HTMLButtonElement {
  return el('button', { type: 'button', class: 'secondary', onclick }, 'Download CSV', el('span', { class: 'visually-hidden' }, ` of ${what}`));
}
