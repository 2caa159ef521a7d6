// The contrast arithmetic of contrast.mjs, worked by hand.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { background, blend, check, contrastRatio, isLarge, luminance, parseColour } from './contrast.mjs';

const close = (actual, expected, within = 0.005) =>
  assert.ok(Math.abs(actual - expected) <= within, `${actual} is not within ${within} of ${expected}`);

describe('contrast', () => {
  test('reads colours as browsers compute them and as written', () => {
    assert.deepEqual(parseColour('rgb(33, 43, 50)'), [33, 43, 50, 1]);
    assert.deepEqual(parseColour('rgba(0, 0, 0, 0)'), [0, 0, 0, 0]);
    assert.deepEqual(parseColour('rgb(255 255 255 / 50%)'), [255, 255, 255, 0.5]);
    assert.deepEqual(parseColour('#777'), [119, 119, 119, 1]);
    assert.deepEqual(parseColour('#005EB8'), [0, 94, 184, 1]);
    assert.throws(() => parseColour('oklch(0.5 0.1 200)'), /cannot read/);
  });

  test('luminance runs from 0 (black) to 1 (white)', () => {
    assert.equal(luminance([0, 0, 0]), 0);
    assert.equal(luminance([255, 255, 255]), 1);
    // #777: 119/255 = 0.4667; ((0.4667 + 0.055) / 1.055)^2.4 = 0.1845 in each channel.
    close(luminance([119, 119, 119]), 0.1845, 0.0005);
  });

  test('black on white is 21:1, and #777 on white just misses 4.5:1', () => {
    assert.equal(contrastRatio([0, 0, 0], [255, 255, 255]), 21);
    assert.equal(contrastRatio([255, 255, 255], [0, 0, 0]), 21); // the order does not matter
    assert.equal(contrastRatio([0, 94, 184], [0, 94, 184]), 1);
    // (1 + 0.05) / (0.1845 + 0.05) = 4.48
    close(contrastRatio([119, 119, 119], [255, 255, 255]), 4.48);
    // NHS blue (#005eb8) on white: 0.7152 × 0.1120 + 0.0722 × 0.4793 = 0.1147; 1.05 / 0.1647 = 6.38
    close(contrastRatio([0, 94, 184], [255, 255, 255]), 6.38, 0.01);
  });

  test('a translucent colour is blended with what lies under it', () => {
    assert.deepEqual(blend([0, 0, 0, 0.5], [255, 255, 255, 1]), [127.5, 127.5, 127.5, 1]);
    assert.deepEqual(blend([10, 20, 30, 1], [255, 255, 255, 1]), [10, 20, 30, 1]);
    // The element's own background first; transparent layers let the one below show.
    assert.deepEqual(background(['rgba(0, 0, 0, 0)', 'rgb(240, 244, 245)']), [240, 244, 245, 1]);
    assert.deepEqual(background(['rgba(0, 0, 0, 0.5)', 'rgba(0, 0, 0, 0)']), [127.5, 127.5, 127.5, 1]);
    assert.deepEqual(background([]), [255, 255, 255, 1]); // the page's canvas
  });

  test('large text is 24px, or 18.66px and bold', () => {
    assert.equal(isLarge(24, 400), true);
    assert.equal(isLarge(23.9, 400), false);
    assert.equal(isLarge(18.66, 700), true);
    assert.equal(isLarge(18.66, 600), false);
    assert.equal(isLarge(18.5, 700), false);
  });

  test('a sample needs 4.5:1, or 3:1 when large', () => {
    const grey = { element: 'p', words: 'x', colour: 'rgb(119, 119, 119)', backgrounds: ['rgb(255, 255, 255)'], opacity: 1 };
    const small = check({ ...grey, fontSize: 16, fontWeight: 400 });
    assert.equal(small.needed, 4.5);
    assert.ok(small.ratio < small.needed);
    assert.equal(small.text, '#777777');
    assert.equal(small.behind, '#ffffff');
    const large = check({ ...grey, fontSize: 32, fontWeight: 400 });
    assert.equal(large.needed, 3);
    assert.ok(large.ratio >= large.needed);
    // Half opacity fades the text towards its background: #bbb on white, 1.92:1.
    close(check({ ...grey, fontSize: 16, fontWeight: 400, opacity: 0.5 }).ratio, 1.92, 0.01);
  });
});
