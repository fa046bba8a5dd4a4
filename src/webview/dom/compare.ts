/** The Compare tab: the input under every dialect, and float64 / float32 / BigNumber digits. */
import type { Dialect } from '../../report/model';
import type { Comparison } from '../../vscode/calculator/protocol';
import type { CalculatorStrings } from '../../vscode/calculator/strings';
import { buildDialectTable, buildPrecisionTable } from '../compareView';
import { dialectName } from '../format';
import { fill } from '../text';
import { h, replaceChildren, uniqueId } from './h';

export class CompareTab {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly hint: HTMLElement;

  constructor(private readonly strings: CalculatorStrings) {
    this.hint = h('p', { class: 'hint' });
    this.body = h('div', { class: 'compare-body', 'aria-live': 'polite' });
    this.element = h('div', { class: 'tab-body' }, h('h2', {}, strings.compareHeading), this.hint, this.body);
  }

  showBusy(): void {
    this.element.setAttribute('aria-busy', 'true');
  }

  showMessage(message: string): void {
    this.element.removeAttribute('aria-busy');
    replaceChildren(this.body, h('p', { class: 'hint' }, message));
  }

  show(comparison: Comparison, selected: Dialect, digits: number): void {
    this.element.removeAttribute('aria-busy');
    const { strings } = this;
    replaceChildren(this.hint, fill(strings.compareHint, dialectName(strings, selected)));
    const dialects = buildDialectTable(comparison, selected, strings, digits);
    const table = h('table', { class: 'plain', 'aria-label': strings.compareHeading });
    table.appendChild(
      h('thead', {}, h('tr', {}, ...dialects.columnHeaders.map((header, i) => h('th', { scope: 'col', class: i === 0 ? 'label' : undefined }, header)))),
    );
    const body = h('tbody');
    for (const row of dialects.rows) {
      body.appendChild(
        h(
          'tr',
          {},
          h('th', { scope: 'row', class: 'label' }, row.label),
          ...row.cells.map((cell) => h('td', { class: cell.differs ? 'differs' : undefined, title: cell.title, 'aria-label': cell.ariaLabel }, cell.text)),
        ),
      );
    }
    table.appendChild(body);

    const calls = h('ul', { class: 'calls' });
    for (const result of comparison.dialects) {
      calls.appendChild(
        h(
          'li',
          {},
          `${dialectName(strings, result.dialect)}: `,
          h('code', {}, result.softmaxCall),
          ' · ',
          h('code', {}, result.sigmoidCall),
          ...result.notes.map((note) => ` ${note}`),
        ),
      );
    }

    const parts: HTMLElement[] = [table, calls];
    if (comparison.precision.length > 0) {
      const precision = buildPrecisionTable(comparison, strings);
      const precisionCaption = uniqueId('precision');
      const precisionTable = h(
        'table',
        { class: 'plain', 'aria-labelledby': precisionCaption },
        h('caption', { id: precisionCaption }, precision.heading),
        h('thead', {}, h('tr', {}, ...precision.columnHeaders.map((header, i) => h('th', { scope: 'col', class: i === 0 ? 'label' : undefined }, header)))),
      );
      const precisionBody = h('tbody');
      for (const row of precision.rows) {
        const digitsCell = (cell: typeof row.float64) =>
          h('td', { title: cell.title }, cell.split.agree, cell.split.rest && h('span', { class: 'wrong-digits' }, cell.split.rest));
        precisionBody.appendChild(
          h('tr', {}, h('th', { scope: 'row', class: 'label' }, row.label), digitsCell(row.float64), digitsCell(row.float32), h('td', {}, row.bigNumber)),
        );
      }
      precisionTable.appendChild(precisionBody);
      parts.push(h('p', { class: 'hint' }, strings.precisionCompareHint), precisionTable);
    } else if (comparison.precisionSkipped) {
      parts.push(h('p', { class: 'hint' }, comparison.precisionSkipped));
    }
    replaceChildren(this.body, ...parts);
  }
}
