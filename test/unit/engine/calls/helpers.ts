import { splitByStage } from '../../../../src/engine/calls/arguments';
import { evaluateCall, findCall } from '../../../../src/engine/calls/catalogue';
import type { ArgumentValue } from '../../../../src/engine/calls/types';
import type { CallReport } from '../../../../src/report/model';
import type { Tensor } from '../../../../src/tensor';

/** A tensor from nested number arrays (row-major). */
export function tensorOf(values: unknown): Tensor {
  const shape: number[] = [];
  let level: unknown = values;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  const flat = (Array.isArray(values) ? (values as unknown[]).flat(Infinity) : [values]) as number[];
  return { shape, data: Float64Array.from(flat) };
}

/** Nested arrays become tensors; everything else is passed as is. */
function argument(value: unknown): ArgumentValue {
  return Array.isArray(value) ? tensorOf(value) : (value as ArgumentValue);
}

/**
 * Evaluates a catalogue call: `positional` go to the call (for a class: to the built object),
 * keywords to whichever stage has a parameter of that name.
 */
export function runCall(id: string, positional: readonly unknown[], keyword: Record<string, unknown> = {}, float32 = true): CallReport {
  const entry = findCall(id);
  const split = splitByStage(entry, Object.fromEntries(Object.entries(keyword).map(([k, v]) => [k, argument(v)])));
  return evaluateCall(entry, { positional: positional.map(argument), keyword: split.call.keyword }, { float32, init: split.init });
}

/** The call's return value as a flat number array. */
export function valueOf(report: CallReport): number[] {
  return Array.from(report.value.data);
}
