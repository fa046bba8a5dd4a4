/** The Explain panel: a derivation step by step, typeset, with CE = H(y) + KL and the gradient. */
import type { DerivationResult } from '../../vscode/calculator/protocol';
import type { CalculatorStrings } from '../../vscode/calculator/strings';
import { decompositionTex, gradientTex } from '../explainTex';
import { exact, short } from '../format';
import { fill } from '../text';
import { h, replaceChildren } from './h';
import { math } from './math';

export class ExplainPanel {
  readonly element: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly body: HTMLElement;

  constructor(private readonly strings: CalculatorStrings) {
    this.heading = h('h2', { id: 'explain-heading' }, strings.explain);
    this.body = h('div', { class: 'explain-body', 'aria-live': 'polite' }, h('p', { class: 'hint' }, strings.explainHint));
    this.element = h('aside', { class: 'explain', 'aria-labelledby': 'explain-heading' }, this.heading, this.body);
  }

  showHint(): void {
    replaceChildren(this.heading, this.strings.explain);
    replaceChildren(this.body, h('p', { class: 'hint' }, this.strings.explainHint));
  }

  showLoading(): void {
    this.element.setAttribute('aria-busy', 'true');
  }

  showMessage(message: string): void {
    this.element.removeAttribute('aria-busy');
    replaceChildren(this.body, h('p', { class: 'hint' }, message));
  }

  show(result: DerivationResult, digits: number): void {
    this.element.removeAttribute('aria-busy');
    const { derivation } = result;
    const fallback = (tex: string) => fill(this.strings.mathFallback, tex);
    replaceChildren(this.heading, derivation.title);
    const steps = h('ol', { class: 'steps' });
    for (const step of derivation.steps) {
      steps.appendChild(
        h(
          'li',
          {},
          h('p', {}, step.description),
          math(step.formula, true, fallback),
          math(step.substituted, true, fallback),
          h('p', { class: 'value', title: exact(step.value) }, fill(this.strings.stepValue, short(step.value, digits))),
        ),
      );
    }
    const parts: HTMLElement[] = [steps];
    if (result.decomposition) {
      parts.push(h('h3', {}, this.strings.decomposition), math(decompositionTex(result.decomposition, digits), true, fallback));
    }
    const gradient = gradientTex(result, digits);
    if (gradient) parts.push(h('h3', {}, this.strings.gradient), math(gradient, true, fallback));
    replaceChildren(this.body, ...parts);
  }
}
