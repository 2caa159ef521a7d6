// WCAG 2 contrast between text and what lies behind it. `textSamples` runs in the page and
// reports, for each element that shows text, its text colour, the background colours of it and
// its ancestors, its size and its weight; `contrastFailures` works out each one's contrast ratio
// and returns those below AA: 4.5:1, or 3:1 for large text (24px, or 18.66px when bold).
//
//   const failures = contrastFailures(await page.evaluate(textSamples));
//   assert.deepEqual(failures.map(describe), []);

// A CSS colour as the browser computes it (rgb(...), rgba(...)) or as written (#rgb, #rrggbb),
// as [red, green, blue, alpha] with channels 0 to 255 and alpha 0 to 1.
export function parseColour(text) {
  const value = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(value);
  if (hex) {
    const digits = hex[1].length === 3 ? [...hex[1]].map((d) => d + d) : hex[1].match(/../g);
    return [...digits.map((d) => parseInt(d, 16)), 1];
  }
  if (value === 'transparent') return [0, 0, 0, 0];
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(value);
  if (!rgb) throw new Error(`cannot read the colour ${text}`);
  const alpha = rgb[4] === undefined ? 1 : rgb[4].endsWith('%') ? parseFloat(rgb[4]) / 100 : parseFloat(rgb[4]);
  return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), alpha];
}

// `top` painted over the opaque colour `under`, as browsers blend: channel by channel in sRGB.
export function blend(top, under) {
  const [r, g, b, a] = top;
  return [0, 1, 2].map((i) => [r, g, b][i] * a + under[i] * (1 - a)).concat(1);
}

// WCAG 2's relative luminance of an opaque colour.
export function luminance([r, g, b]) {
  const linear = (channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

// From 1 (the same colour) to 21 (black on white).
export function contrastRatio(one, other) {
  const [light, dark] = [luminance(one), luminance(other)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}

// WCAG's large text: 18pt (24px), or 14pt (18.66px) and bold.
export function isLarge(fontSizePx, fontWeight) {
  return fontSizePx >= 24 || (fontSizePx >= 18.66 && fontWeight >= 700);
}

// The background behind an element: its own and its ancestors' background colours (the
// element's first), painted from the page's white canvas up.
export function background(layers) {
  let colour = [255, 255, 255, 1];
  for (const layer of [...layers].reverse()) colour = blend(parseColour(layer), colour);
  return colour;
}

// The contrast of one sample from textSamples, and the least it needs. A translucent element's
// text is faded by its opacity over the background (its own background is not: the pages fade
// nothing but disabled buttons, which the check leaves out).
export function check(sample) {
  const behind = background(sample.backgrounds);
  const [r, g, b, a] = parseColour(sample.colour);
  const text = blend([r, g, b, a * sample.opacity], behind);
  const ratio = contrastRatio(text, behind);
  const needed = isLarge(sample.fontSize, sample.fontWeight) ? 3 : 4.5;
  return { ...sample, ratio, needed, text: hex(text), behind: hex(behind) };
}

export function contrastFailures(samples) {
  return samples.map(check).filter((c) => c.ratio < c.needed);
}

// "p.lede 'Overview from 1 April…': 4.21:1 (#6b7a85 on #f0f4f5), needs 4.5:1".
export function describe(failure) {
  return (
    `${failure.element} '${failure.words}': ${failure.ratio.toFixed(2)}:1 ` +
    `(${failure.text} on ${failure.behind}), needs ${failure.needed}:1`
  );
}

function hex(colour) {
  return `#${colour.slice(0, 3).map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

// Runs in the page (page.evaluate(textSamples, selector)), so it uses nothing from outside
// itself. Every element on show with text of its own, and every form control showing a value,
// in the element `within` names and its descendants (the whole page, or ':focus'). SVG text is left
// out: the only SVG text is the glyph inside a Making Data Count icon, a decoration beside the
// words that say what the icon means. Disabled controls are exempt from the contrast rule.
export function textSamples(within = 'body') {
  const samples = [];
  const root = document.querySelector(within);
  if (!root) return samples;
  const ownText = (element) =>
    [...element.childNodes]
      .filter((node) => node.nodeType === Node.TEXT_NODE)
      .map((node) => node.textContent)
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
  for (const element of [root, ...root.querySelectorAll('*')]) {
    if (element.closest('svg, script, style, option') || element.matches(':disabled')) continue;
    const control = element.matches('input:not([type=hidden]), select, textarea');
    const shown = element.type === 'password' ? '•'.repeat(element.value.length) : element.selectedOptions?.[0]?.text ?? element.value;
    const words = control ? (shown ?? '').trim() : ownText(element);
    if (!words) continue;
    const box = element.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1 || box.right <= 0 || box.bottom <= 0) continue; // visually hidden, or off the page
    if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const style = getComputedStyle(element);
    const backgrounds = [];
    let opacity = 1;
    for (let at = element; at; at = at.parentElement) {
      const own = getComputedStyle(at);
      backgrounds.push(own.backgroundColor);
      opacity *= Number(own.opacity);
    }
    const classes = [...element.classList].map((c) => `.${c}`).join('');
    samples.push({
      element: `${element.tagName.toLowerCase()}${classes}`,
      words: words.length > 40 ? `${words.slice(0, 40)}…` : words,
      colour: style.color,
      backgrounds,
      opacity,
      fontSize: parseFloat(style.fontSize),
      fontWeight: Number(style.fontWeight),
    });
  }
  return samples;
}
