/**
 * TeX rendering. `katex.render` builds the formula with DOM calls and sets styles through
 * CSSOM, which the webview's nonce-only CSP allows; renderToString + innerHTML would produce
 * style attributes, which that CSP blocks. A formula KaTeX cannot parse is shown as its TeX.
 */
import katex from 'katex';
import { h } from './h';

export function math(tex: string, display: boolean, fallbackLabel: (tex: string) => string): HTMLElement {
  const container = h(display ? 'div' : 'span', { class: 'math' });
  try {
    katex.render(tex, container, { displayMode: display, throwOnError: true, output: 'htmlAndMathml', strict: 'ignore', trust: false });
  } catch {
    container.appendChild(h('code', { title: fallbackLabel(tex) }, tex));
  }
  return container;
}
