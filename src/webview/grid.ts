/**
 * Keyboard movement inside a heatmap table (a roving tabindex grid, as the WAI-ARIA grid
 * pattern describes): arrows move one cell, Home/End go to the row's ends, Ctrl+Home/End to
 * the table's corners, PageUp/PageDown jump ten rows. Rows may differ in length.
 */
export interface CellPosition {
  readonly row: number;
  readonly column: number;
}

const PAGE = 10;

export function moveInGrid(from: CellPosition, key: string, rowLengths: readonly number[], ctrlKey = false): CellPosition | undefined {
  const lastRow = rowLengths.length - 1;
  if (lastRow < 0) return undefined;
  const clampColumn = (row: number, column: number) => Math.max(0, Math.min(column, rowLengths[row] - 1));
  const toRow = (row: number) => {
    const target = Math.max(0, Math.min(row, lastRow));
    return { row: target, column: clampColumn(target, from.column) };
  };
  switch (key) {
    case 'ArrowUp':
      return toRow(from.row - 1);
    case 'ArrowDown':
      return toRow(from.row + 1);
    case 'PageUp':
      return toRow(from.row - PAGE);
    case 'PageDown':
      return toRow(from.row + PAGE);
    case 'ArrowLeft':
      return { row: from.row, column: clampColumn(from.row, from.column - 1) };
    case 'ArrowRight':
      return { row: from.row, column: clampColumn(from.row, from.column + 1) };
    case 'Home':
      return ctrlKey ? { row: 0, column: 0 } : { row: from.row, column: 0 };
    case 'End':
      return ctrlKey ? { row: lastRow, column: rowLengths[lastRow] - 1 } : { row: from.row, column: rowLengths[from.row] - 1 };
    default:
      return undefined;
  }
}
