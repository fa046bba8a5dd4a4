import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cellColors,
  contrast,
  mix,
  parseColor,
  READABLE_CONTRAST,
  readableOn,
  scaleExtent,
  scaleIntensity,
  toCss,
  type HeatPalette,
} from '../../../src/webview/colors';

const dark: HeatPalette = {
  background: parseColor('#1e1e1e')!,
  foreground: parseColor('#cccccc')!,
  positive: parseColor('#3794ff')!,
  negative: parseColor('#f14c4c')!,
};
const light: HeatPalette = {
  background: parseColor('#ffffff')!,
  foreground: parseColor('#3b3b3b')!,
  positive: parseColor('#1a85ff')!,
  negative: parseColor('#e51400')!,
};
const highContrast: HeatPalette = {
  background: parseColor('#000000')!,
  foreground: parseColor('#ffffff')!,
  positive: parseColor('#3794ff')!,
  negative: parseColor('#f48771')!,
};

describe('colors', () => {
  it('parses the forms theme variables use', () => {
    assert.deepEqual(parseColor('#1e1e1e'), { r: 30, g: 30, b: 30, a: 1 });
    assert.deepEqual(parseColor(' #FFF '), { r: 255, g: 255, b: 255, a: 1 });
    assert.deepEqual(parseColor('#ff000080'), { r: 255, g: 0, b: 0, a: 128 / 255 });
    assert.deepEqual(parseColor('rgba(10, 20, 30, 0.5)'), { r: 10, g: 20, b: 30, a: 0.5 });
    assert.deepEqual(parseColor('rgb(10 20 30 / 25%)'), { r: 10, g: 20, b: 30, a: 0.25 });
    assert.equal(parseColor('var(--x)'), undefined);
    assert.equal(parseColor('#12345'), undefined);
    assert.equal(parseColor(''), undefined);
  });

  it('computes WCAG contrast', () => {
    assert.equal(Math.round(contrast(parseColor('#000')!, parseColor('#fff')!)), 21);
    assert.equal(contrast(parseColor('#777')!, parseColor('#777')!), 1);
  });

  it('mixes and prints colours', () => {
    assert.equal(toCss(mix(parseColor('#000000')!, parseColor('#ffffff')!, 0.5)), 'rgb(128, 128, 128)');
    assert.equal(toCss({ r: 1, g: 2, b: 3, a: 0.5 }), 'rgba(1, 2, 3, 0.5)');
  });

  it('picks readable text, falling back to black or white', () => {
    const yellow = parseColor('#ffff00')!;
    assert.deepEqual(readableOn(yellow, [parseColor('#ffffff')!]), { r: 0, g: 0, b: 0, a: 1 });
    assert.deepEqual(readableOn(parseColor('#000')!, [parseColor('#ccc')!]), parseColor('#ccc'));
  });

  it('maps values to intensity by scale kind', () => {
    assert.equal(scaleIntensity('probability', 0.25, 1), 0.25);
    assert.equal(scaleIntensity('probability', 1.5, 1), 1);
    assert.equal(scaleIntensity('magnitude', 0.5, 2), 0.25);
    assert.equal(scaleIntensity('magnitude', Infinity, 2), 1);
    assert.equal(scaleIntensity('magnitude', 1, 0), 0);
    assert.equal(scaleIntensity('signed', -0.5, 0.5), 1);
    assert.equal(scaleExtent([0.1, -0.7, Infinity, NaN, 0.3]), 0.7);
  });

  it('keeps every cell readable in dark, light and high-contrast themes', () => {
    for (const palette of [dark, light, highContrast]) {
      for (const scale of ['probability', 'magnitude', 'signed'] as const) {
        for (let v = -1; v <= 1; v += 0.05) {
          const colors = cellColors(palette, scale, v, 1)!;
          const ratio = contrast(parseColor(colors.foreground)!, parseColor(colors.background)!);
          assert.ok(ratio >= READABLE_CONTRAST, `${scale} ${v}: contrast ${ratio.toFixed(2)} < 4.5`);
        }
      }
    }
  });

  it('runs from the background colour to the theme colour, and uses the second hue for negatives', () => {
    assert.equal(cellColors(dark, 'probability', 0, 1)!.background, 'rgb(30, 30, 30)');
    const full = parseColor(cellColors(dark, 'probability', 1, 1)!.background)!;
    assert.ok(full.b > full.r && full.b > 150, `blue-ish: ${toCss(full)}`);
    const negative = parseColor(cellColors(dark, 'signed', -1, 1)!.background)!;
    assert.ok(negative.r > negative.b, `red-ish: ${toCss(negative)}`);
    assert.equal(cellColors(dark, 'magnitude', NaN, 1), undefined);
  });
});
