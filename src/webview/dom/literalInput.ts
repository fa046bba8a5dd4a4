/**
 * A textarea for a tensor literal with inline errors: a mirror layer behind the text marks
 * the token at the error, the message below says line and column, and its button puts the
 * caret there. Native textarea (not a web component) so the mirror can line up with it.
 */
import type { InputProblem } from '../../vscode/calculator/protocol';
import type { CalculatorStrings } from '../../vscode/calculator/strings';
import { markProblem } from '../errorMark';
import { fill } from '../text';
import { h, replaceChildren } from './h';

export interface LiteralInputSpec {
  readonly id: string;
  readonly label: string;
  readonly help: string;
  readonly placeholder?: string;
  readonly rows?: number;
}

export class LiteralInput {
  readonly element: HTMLElement;
  readonly textarea: HTMLTextAreaElement;
  private readonly mirror: HTMLElement;
  private readonly editor: HTMLElement;
  private readonly problemLine: HTMLElement;

  constructor(
    private readonly spec: LiteralInputSpec,
    private readonly strings: CalculatorStrings,
    onInput: (value: string) => void,
  ) {
    const problemId = `${spec.id}-problem`;
    const helpId = `${spec.id}-help`;
    this.textarea = h('textarea', {
      id: spec.id,
      'aria-label': spec.label,
      'aria-describedby': `${problemId} ${helpId}`,
      spellcheck: 'false',
      autocomplete: 'off',
      autocapitalize: 'off',
      wrap: 'off',
      rows: spec.rows ?? 4,
      placeholder: spec.placeholder,
    });
    this.mirror = h('div', { class: 'mirror', 'aria-hidden': 'true' });
    this.editor = h('div', { class: 'editor' }, this.mirror, this.textarea);
    this.problemLine = h('p', { class: 'problem', id: problemId, 'aria-live': 'polite' });
    this.element = h(
      'div',
      { class: 'literal' },
      h('label', { for: spec.id }, spec.label),
      this.editor,
      this.problemLine,
      h('p', { class: 'help', id: helpId }, spec.help),
    );
    this.textarea.addEventListener('input', () => {
      // The mark belongs to the text that was evaluated; it comes back with the next result.
      replaceChildren(this.mirror);
      onInput(this.textarea.value);
    });
    this.textarea.addEventListener('scroll', () => {
      this.mirror.scrollTop = this.textarea.scrollTop;
      this.mirror.scrollLeft = this.textarea.scrollLeft;
    });
  }

  get value(): string {
    return this.textarea.value;
  }

  set value(text: string) {
    if (this.textarea.value !== text) this.textarea.value = text;
  }

  showProblem(problem: InputProblem | undefined): void {
    const text = this.textarea.value;
    const marked = problem ? markProblem(text, problem) : undefined;
    this.editor.classList.toggle('invalid', problem !== undefined);
    if (problem) this.textarea.setAttribute('aria-invalid', 'true');
    else this.textarea.removeAttribute('aria-invalid');
    replaceChildren(this.mirror, ...(marked ? [marked.before, h('mark', {}, marked.marked), marked.after] : []));
    this.mirror.scrollTop = this.textarea.scrollTop;
    this.mirror.scrollLeft = this.textarea.scrollLeft;
    if (!problem) {
      replaceChildren(this.problemLine);
      return;
    }
    if (problem.line === undefined || problem.column === undefined || !marked) {
      replaceChildren(this.problemLine, problem.message);
      return;
    }
    const goTo = h(
      'button',
      { type: 'button', class: 'go-to', title: fill(this.strings.errorGoTo, problem.line, problem.column, this.spec.label) },
      fill(this.strings.errorAt, problem.line, problem.column, problem.message),
    );
    goTo.addEventListener('click', () => this.focusAt(marked.offset, marked.offset + (marked.marked === ' ' ? 0 : marked.marked.length)));
    replaceChildren(this.problemLine, goTo);
  }

  focusAt(start: number, end = start): void {
    this.textarea.focus();
    this.textarea.setSelectionRange(start, end);
  }
}
