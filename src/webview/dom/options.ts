/**
 * The options fieldset, built from vscode-elements controls. Numbers stay text (validated by
 * the host, which reports a bad value next to its field).
 */
import { DIALECTS, INPUT_KINDS, REDUCTIONS } from '../../report/model';
import { CLASS_AXES, SIGMOID_SMOOTHINGS, type InputProblem, type OptionsForm } from '../../vscode/calculator/protocol';
import type { CalculatorStrings } from '../../vscode/calculator/strings';
import { dialectName, reductionName } from '../format';
import { clampDigits } from '../state';
import { h, replaceChildren } from './h';

type TextField = HTMLElement & { value: string; invalid: boolean; label: string };
type Select = HTMLElement & { value: string; label: string };
type Checkbox = HTMLElement & { checked: boolean };

type TextKey = 'smoothing' | 'classWeights' | 'posWeight' | 'ignoreIndex' | 'precisionDigits';
type SelectKey = 'sigmoidSmoothing' | 'dialect' | 'reduction' | 'classAxis' | 'input';

export class OptionsFields {
  readonly element: HTMLFieldSetElement;
  private readonly texts = new Map<TextKey, { field: TextField; problem: HTMLElement }>();
  private readonly selects = new Map<SelectKey, Select>();
  private readonly float32: Checkbox;
  private readonly digits: TextField;

  constructor(
    strings: CalculatorStrings,
    private readonly onChange: () => void,
  ) {
    this.element = h('fieldset', { class: 'options' }, h('legend', {}, strings.options));
    this.addText('smoothing', strings.smoothing, '0.1');
    this.addSelect(
      'dialect',
      strings.dialect,
      DIALECTS.map((d) => [d, dialectName(strings, d)]),
    );
    this.addSelect(
      'reduction',
      strings.reduction,
      REDUCTIONS.map((r) => [r, reductionName(strings, r)]),
    );
    this.addSelect(
      'sigmoidSmoothing',
      strings.sigmoidSmoothing,
      SIGMOID_SMOOTHINGS.map((s) => [s, s === 'classes' ? strings.sigmoidSmoothingClasses : strings.sigmoidSmoothingBinary]),
    );
    this.addSelect(
      'input',
      strings.input,
      INPUT_KINDS.map((k) => [k, k === 'logits' ? strings.inputLogits : k === 'probabilities' ? strings.inputProbabilities : strings.inputLogProbabilities]),
    );
    this.addSelect(
      'classAxis',
      strings.classAxis,
      CLASS_AXES.map((a) => [a, a === 'last' ? strings.classAxisLast : strings.classAxisFirst]),
    );
    this.addText('classWeights', strings.classWeights, strings.classWeightsPlaceholder);
    this.addText('posWeight', strings.posWeight, strings.posWeightPlaceholder);
    this.addText('ignoreIndex', strings.ignoreIndex, strings.ignoreIndexPlaceholder);
    this.addText('precisionDigits', strings.precisionDigits, strings.precisionDigitsPlaceholder);
    this.digits = this.textField('displayDigits', strings.displayDigits, '5');
    this.digits.setAttribute('type', 'number');
    this.digits.setAttribute('min', '1');
    this.digits.setAttribute('max', '17');
    this.element.appendChild(h('div', { class: 'field' }, h('vscode-label', { for: 'option-displayDigits' }, strings.displayDigits), this.digits));
    this.float32 = h('vscode-checkbox', { id: 'option-float32', label: strings.float32 });
    this.float32.addEventListener('change', () => this.onChange());
    this.element.appendChild(h('div', { class: 'field checkbox' }, this.float32));
  }

  private textField(key: string, label: string, placeholder: string): TextField {
    const field = h('vscode-textfield', { id: `option-${key}`, placeholder, 'aria-describedby': `option-${key}-problem` }) as TextField;
    field.label = label;
    field.addEventListener('input', () => this.onChange());
    return field;
  }

  private addText(key: TextKey, label: string, placeholder: string): void {
    const field = this.textField(key, label, placeholder);
    const problem = h('p', { class: 'problem', id: `option-${key}-problem`, 'aria-live': 'polite' });
    this.texts.set(key, { field, problem });
    this.element.appendChild(h('div', { class: 'field' }, h('vscode-label', { for: `option-${key}` }, label), field, problem));
  }

  private addSelect(key: SelectKey, label: string, choices: readonly (readonly [string, string])[]): void {
    const select = h('vscode-single-select', { id: `option-${key}` }, ...choices.map(([value, text]) => h('vscode-option', { value }, text))) as Select;
    select.label = label;
    select.addEventListener('change', () => this.onChange());
    this.selects.set(key, select);
    this.element.appendChild(h('div', { class: 'field' }, h('vscode-label', { for: `option-${key}` }, label), select));
  }

  set(form: OptionsForm, displayDigits: number): void {
    for (const [key, { field }] of this.texts) if (field.value !== form[key]) field.value = form[key];
    for (const [key, select] of this.selects) {
      const value = form[key] ?? 'logits';
      if (select.value !== value) select.value = value;
    }
    this.float32.checked = form.float32;
    this.digits.value = String(displayDigits);
  }

  read(fallback: OptionsForm): OptionsForm {
    const select = <K extends SelectKey>(key: K, allowed: readonly NonNullable<OptionsForm[K]>[]) => {
      const value = this.selects.get(key)!.value as NonNullable<OptionsForm[K]>;
      return allowed.includes(value) ? value : fallback[key];
    };
    const text = (key: TextKey) => this.texts.get(key)!.field.value ?? '';
    return {
      smoothing: text('smoothing'),
      sigmoidSmoothing: select('sigmoidSmoothing', SIGMOID_SMOOTHINGS),
      dialect: select('dialect', DIALECTS),
      reduction: select('reduction', REDUCTIONS),
      classAxis: select('classAxis', CLASS_AXES),
      input: select('input', INPUT_KINDS),
      classWeights: text('classWeights'),
      posWeight: text('posWeight'),
      ignoreIndex: text('ignoreIndex'),
      float32: this.float32.checked,
      precisionDigits: text('precisionDigits'),
    };
  }

  readDigits(fallback: number): number {
    const value = Number(this.digits.value);
    return this.digits.value.trim() !== '' && Number.isFinite(value) ? clampDigits(value) : fallback;
  }

  /** Shows each option problem under its field; problems without a field go to `other`. */
  showProblems(problems: readonly InputProblem[]): InputProblem[] {
    const other: InputProblem[] = [];
    for (const [key, { field, problem }] of this.texts) {
      const mine = problems.filter((p) => p.field === key);
      field.invalid = mine.length > 0;
      replaceChildren(problem, mine.map((p) => p.message).join(' '));
    }
    for (const p of problems) if (p.field === undefined || !this.texts.has(p.field as TextKey)) other.push(p);
    return other;
  }
}
