/** A diagnostics list: severity icon (codicon) and label, message, and a link to the cell. */
import type { CalculatorStrings } from '../../vscode/calculator/strings';
import type { DiagnosticItem } from '../viewModel';
import { h } from './h';

export function renderDiagnostics(
  items: readonly DiagnosticItem[],
  strings: CalculatorStrings,
  onShowCell?: (cell: NonNullable<DiagnosticItem['cell']>) => void,
): HTMLElement {
  const list = h('ul');
  if (items.length === 0) list.appendChild(h('li', {}, h('span', { class: 'codicon codicon-pass', 'aria-hidden': 'true' }), strings.noDiagnostics));
  for (const item of items) {
    const cell = item.cell;
    let show: HTMLElement | undefined;
    if (cell && onShowCell) {
      show = h('button', { type: 'button', class: 'link-button' }, strings.showCell);
      show.addEventListener('click', () => onShowCell(cell));
    }
    list.appendChild(
      h(
        'li',
        { 'data-code': item.code },
        h('span', { class: `codicon codicon-${item.severity}`, 'aria-hidden': 'true' }),
        h('span', { class: 'visually-hidden' }, `${item.severityLabel}: `),
        h('span', {}, item.message),
        show,
      ),
    );
  }
  return h('section', { class: 'diagnostics wide', 'aria-label': strings.diagnostics }, h('h2', {}, strings.diagnostics), list);
}
