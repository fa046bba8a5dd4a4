/** The heatmap palette, read from the theme's CSS variables, and notice of theme changes. */
import { parseColor, type HeatPalette, type Rgba } from '../colors';

function cssColor(style: CSSStyleDeclaration, names: readonly string[], fallback: Rgba): Rgba {
  for (const name of names) {
    const parsed = parseColor(style.getPropertyValue(name));
    if (parsed) return parsed;
  }
  return fallback;
}

export function readPalette(): HeatPalette {
  const style = getComputedStyle(document.documentElement);
  const dark = document.body.classList.contains('vscode-dark') || document.body.classList.contains('vscode-high-contrast');
  const background = cssColor(style, ['--vscode-editor-background'], dark ? { r: 30, g: 30, b: 30, a: 1 } : { r: 255, g: 255, b: 255, a: 1 });
  return {
    background: { ...background, a: 1 },
    foreground: cssColor(style, ['--vscode-editor-foreground', '--vscode-foreground'], dark ? { r: 204, g: 204, b: 204, a: 1 } : { r: 51, g: 51, b: 51, a: 1 }),
    positive: cssColor(style, ['--vscode-charts-blue'], { r: 55, g: 148, b: 255, a: 1 }),
    negative: cssColor(style, ['--vscode-charts-red'], { r: 241, g: 76, b: 76, a: 1 }),
  };
}

/** Calls `onChange` when VS Code switches theme (it swaps the body's class and variables). */
export function watchTheme(onChange: () => void): void {
  const observer = new MutationObserver(() => onChange());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
}

export function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}
