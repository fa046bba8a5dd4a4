import type { ClassificationReport } from './model';

/** Shape of per-sample results: the logits' shape without its class axis. */
export function batchShapeOf(report: Pick<ClassificationReport, 'logitsShape' | 'labelKind' | 'options'>): number[] {
  const shape = report.logitsShape;
  if (report.labelKind === 'binary') return [...shape];
  if (report.options.classAxis === 'first' && shape.length > 1) return [shape[0], ...shape.slice(2)];
  return shape.slice(0, -1);
}
