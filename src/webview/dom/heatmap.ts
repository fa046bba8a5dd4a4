/**
 * Draws a HeatTable as an ARIA grid: one focusable cell at a time (roving tabindex), arrow
 * keys to move, Enter or Space (or a click) to explain a cell. Colours come from the theme
 * palette and are set through CSSOM.
 */
import { cellColors, type HeatPalette } from '../colors';
import { moveInGrid } from '../grid';
import type { DeriveTarget, HeatCell, HeatTable } from '../viewModel';
import { h, uniqueId } from './h';

export interface HeatmapHandlers {
  readonly onSelect: (target: DeriveTarget, cell: HTMLElement) => void;
}

export function sameTarget(a: DeriveTarget | undefined, b: DeriveTarget | undefined): boolean {
  return !!a && !!b && a.quantity === b.quantity && a.index.length === b.index.length && a.index.every((v, i) => v === b.index[i]);
}

export function renderHeatmap(table: HeatTable, palette: HeatPalette, handlers: HeatmapHandlers, selected: DeriveTarget | undefined): HTMLElement {
  const captionId = uniqueId(`table-${table.id}`);
  const cellElements: HTMLTableCellElement[][] = [];
  const grid = h('table', { class: 'heat', role: 'grid', 'aria-labelledby': captionId, 'data-table': table.id });
  grid.appendChild(h('caption', { id: captionId }, table.caption));
  const headRow = h('tr', { role: 'row' }, h('td', { class: 'corner', 'aria-hidden': 'true' }));
  for (const header of table.columnHeaders) headRow.appendChild(h('th', { scope: 'col', role: 'columnheader' }, header));
  grid.appendChild(h('thead', {}, headRow));
  const body = h('tbody');
  let focusable: HTMLTableCellElement | undefined;
  table.rows.forEach((cells, row) => {
    const tr = h('tr', { role: 'row' }, h('th', { scope: 'row', role: 'rowheader' }, table.rowHeaders[row]));
    const rowElements: HTMLTableCellElement[] = [];
    cells.forEach((cell, column) => {
      const td = renderCell(cell, table, palette, row, column);
      const isSelected = sameTarget(cell.target, selected);
      if (cell.target) td.setAttribute('aria-selected', String(isSelected));
      if (isSelected && !focusable) focusable = td;
      rowElements.push(td);
      tr.appendChild(td);
    });
    cellElements.push(rowElements);
    body.appendChild(tr);
  });
  grid.appendChild(body);
  (focusable ?? cellElements[0]?.[0])?.setAttribute('tabindex', '0');

  const cellAt = (row: number, column: number) => table.rows[row]?.[column];
  const activate = (td: HTMLTableCellElement) => {
    const row = Number(td.dataset.row);
    const column = Number(td.dataset.column);
    const target = cellAt(row, column)?.target;
    if (target) handlers.onSelect(target, td);
  };
  const focusCell = (td: HTMLTableCellElement) => {
    grid.querySelectorAll('td[tabindex="0"]').forEach((other) => other.setAttribute('tabindex', '-1'));
    td.setAttribute('tabindex', '0');
    td.focus();
  };
  grid.addEventListener('click', (event) => {
    const td = (event.target as Element).closest<HTMLTableCellElement>('td[role="gridcell"]');
    if (!td) return;
    focusCell(td);
    activate(td);
  });
  grid.addEventListener('keydown', (event) => {
    const td = (event.target as Element).closest<HTMLTableCellElement>('td[role="gridcell"]');
    if (!td) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      activate(td);
      return;
    }
    const next = moveInGrid(
      { row: Number(td.dataset.row), column: Number(td.dataset.column) },
      event.key,
      cellElements.map((r) => r.length),
      event.ctrlKey || event.metaKey,
    );
    if (!next) return;
    event.preventDefault();
    const target = cellElements[next.row]?.[next.column];
    if (target) focusCell(target);
  });

  return h(
    'div',
    { class: table.columnHeaders.length > 6 ? 'heatmap wide' : 'heatmap' },
    grid,
    table.truncation && h('p', { class: 'truncation' }, table.truncation),
  );
}

function renderCell(cell: HeatCell, table: HeatTable, palette: HeatPalette, row: number, column: number): HTMLTableCellElement {
  const classes = [cell.argmax ? 'argmax' : '', cell.trueClass ? 'true-class' : '', Number.isFinite(cell.value) ? '' : 'nonfinite'];
  const td = h(
    'td',
    {
      role: 'gridcell',
      tabindex: '-1',
      class: classes.filter(Boolean).join(' ') || undefined,
      title: cell.title,
      'aria-label': cell.ariaLabel,
      'data-row': row,
      'data-column': column,
    },
    cell.text,
    cell.argmax && h('span', { class: 'argmax-mark', 'aria-hidden': 'true' }, '▲'),
  );
  const colors = cellColors(palette, table.scale, cell.value, table.extent);
  if (colors) {
    td.style.backgroundColor = colors.background;
    td.style.color = colors.foreground;
  }
  return td;
}
