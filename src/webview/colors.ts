/**
 * Colour arithmetic for the heatmaps, DOM-free. Colours come from the theme's `--vscode-*`
 * variables, so every scale runs from the editor background towards a theme chart colour and
 * the text on each cell is whichever theme colour reads best on it.
 */

export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  /** 0..1 */
  readonly a: number;
}

export function parseColor(css: string): Rgba | undefined {
  const value = css.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3,8})$/.exec(value);
  if (hex) {
    const digits = hex[1];
    if (digits.length === 3 || digits.length === 4) {
      const [r, g, b, a = 'ff'] = digits.split('').map((d) => d + d);
      return { r: parseInt(r, 16), g: parseInt(g, 16), b: parseInt(b, 16), a: parseInt(a, 16) / 255 };
    }
    if (digits.length === 6 || digits.length === 8) {
      const part = (i: number) => parseInt(digits.slice(i, i + 2), 16);
      return { r: part(0), g: part(2), b: part(4), a: digits.length === 8 ? part(6) / 255 : 1 };
    }
    return undefined;
  }
  const functional = /^rgba?\(([^)]*)\)$/.exec(value);
  if (functional) {
    const parts = functional[1].split(/[\s,/]+/).filter(Boolean);
    if (parts.length !== 3 && parts.length !== 4) return undefined;
    const channel = (part: string) => (part.endsWith('%') ? (parseFloat(part) * 255) / 100 : parseFloat(part));
    const alpha = parts[3] === undefined ? 1 : parts[3].endsWith('%') ? parseFloat(parts[3]) / 100 : parseFloat(parts[3]);
    const color = { r: channel(parts[0]), g: channel(parts[1]), b: channel(parts[2]), a: alpha };
    return Object.values(color).every(Number.isFinite) ? clampColor(color) : undefined;
  }
  return undefined;
}

function clampColor(c: Rgba): Rgba {
  const byte = (v: number) => Math.min(255, Math.max(0, v));
  return { r: byte(c.r), g: byte(c.g), b: byte(c.b), a: Math.min(1, Math.max(0, c.a)) };
}

export function toCss(c: Rgba): string {
  const round = (v: number) => Math.round(v);
  return c.a >= 1 ? `rgb(${round(c.r)}, ${round(c.g)}, ${round(c.b)})` : `rgba(${round(c.r)}, ${round(c.g)}, ${round(c.b)}, ${Number(c.a.toFixed(3))})`;
}

function roundColor(c: Rgba): Rgba {
  return { r: Math.round(c.r), g: Math.round(c.g), b: Math.round(c.b), a: c.a };
}

/** `fg` painted over the opaque `bg`. */
export function over(fg: Rgba, bg: Rgba): Rgba {
  return { r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a), a: 1 };
}

/** Linear blend from `from` (t = 0) to `to` (t = 1), both taken as opaque. */
export function mix(from: Rgba, to: Rgba, t: number): Rgba {
  const s = Math.min(1, Math.max(0, t));
  return { r: from.r + (to.r - from.r) * s, g: from.g + (to.g - from.g) * s, b: from.b + (to.b - from.b) * s, a: 1 };
}

/** WCAG relative luminance. */
export function luminance(c: Rgba): number {
  const linear = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

/** WCAG contrast ratio, 1 to 21. */
export function contrast(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

const BLACK: Rgba = { r: 0, g: 0, b: 0, a: 1 };
const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };
/** WCAG AA for normal text. */
export const READABLE_CONTRAST = 4.5;

/** The first candidate that reaches AA contrast on `background`, else black or white. */
export function readableOn(background: Rgba, candidates: readonly Rgba[]): Rgba {
  for (const candidate of candidates) {
    if (contrast(over(candidate, background), background) >= READABLE_CONTRAST) return candidate;
  }
  return contrast(BLACK, background) >= contrast(WHITE, background) ? BLACK : WHITE;
}

/** Theme colours a heatmap needs, already parsed. */
export interface HeatPalette {
  readonly background: Rgba;
  readonly foreground: Rgba;
  /** Colour of large positive values (probabilities, losses, positive gradients). */
  readonly positive: Rgba;
  /** Colour of large negative values (negative gradients). */
  readonly negative: Rgba;
}

/**
 * How a table's values map to colour: `probability` is fixed on [0, 1], `magnitude` is
 * relative to the largest finite value of the table (losses), `signed` uses two hues around
 * zero relative to the largest |value| (gradients).
 */
export type ScaleKind = 'probability' | 'magnitude' | 'signed';

/** The most a cell is tinted, so that the strongest cell still shows the theme behind it. */
const MAX_TINT = 0.85;

export interface CellColors {
  readonly background: string;
  readonly foreground: string;
  /** 0..1, how strongly the value is shown. */
  readonly intensity: number;
}

export function cellColors(palette: HeatPalette, scale: ScaleKind, value: number, extent: number): CellColors | undefined {
  if (Number.isNaN(value)) return undefined;
  const intensity = scaleIntensity(scale, value, extent);
  const hue = scale === 'signed' && value < 0 ? palette.negative : palette.positive;
  // Rounded first, so the contrast is judged on the colour that is actually painted.
  const background = roundColor(mix(palette.background, over(hue, palette.background), intensity * MAX_TINT));
  const foreground = readableOn(background, [palette.foreground, palette.background]);
  return { background: toCss(background), foreground: toCss(foreground), intensity };
}

export function scaleIntensity(scale: ScaleKind, value: number, extent: number): number {
  if (Number.isNaN(value)) return 0;
  switch (scale) {
    case 'probability':
      return Math.min(1, Math.max(0, value));
    case 'magnitude':
    case 'signed': {
      const size = scale === 'signed' ? Math.abs(value) : Math.max(0, value);
      if (!Number.isFinite(size)) return 1;
      return extent > 0 && Number.isFinite(extent) ? Math.min(1, size / extent) : 0;
    }
  }
}

/** The extent a `magnitude` or `signed` scale divides by: the largest finite |value|. */
export function scaleExtent(values: Iterable<number>): number {
  let extent = 0;
  for (const value of values) {
    const size = Math.abs(value);
    if (Number.isFinite(size) && size > extent) extent = size;
  }
  return extent;
}
