/**
 * Options with their defaults, validated. Options arrive from settings, the CLI and the
 * webview, so anything malformed becomes an InputError naming the option.
 */
import { InputError } from '../errors';
import type { ClassificationOptions } from '../report/model';
import { describeValue } from './format';
import { checkOption, OPTION_SCHEMA } from './option-schema';

export { MAX_PRECISION_DIGITS, MIN_PRECISION_DIGITS } from './option-schema';

export const DEFAULT_OPTIONS: ClassificationOptions = {
  smoothing: 0,
  sigmoidSmoothing: 'classes',
  dialect: 'tf',
  reduction: 'mean',
  classAxis: 'last',
  float32: false,
};

export const DEFAULT_FOCAL_GAMMA = 2;
export const DEFAULT_FOCAL_ALPHA = 0.25;
/**
 * Precision mode's budget, in logits at 16 digits. BigNumber costs about 0.1 ms per logit at 16
 * digits, about 1000× a float, and its exp and ln grow with digits², so the limit falls with the
 * square: 10,000 logits at 16 digits, 1,600 at 40, 2 at 1000. That keeps a check near a second
 * whatever the digits (it runs synchronously, on the extension host for the calculator).
 */
export const PRECISION_WORK_LIMIT = 10_000;

/** Most logits precision mode takes at `digits` significant digits. */
export function precisionElementLimit(digits: number): number {
  return Math.floor(PRECISION_WORK_LIMIT / Math.max(1, (digits / 16) ** 2));
}

function finiteNonNegative(value: unknown, what: string, argument: 'class_weights' | 'pos_weight', element?: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InputError(`${what} must be a finite number ≥ 0; got ${describeValue(value)}`, undefined, 'weights', element, argument);
  }
  return value;
}

export function resolveOptions(options: Partial<ClassificationOptions> = {}): ClassificationOptions {
  const merged: ClassificationOptions = { ...DEFAULT_OPTIONS, ...stripUndefined(options) };
  // Every scalar option through the one schema; weights are lists, checked element by element below.
  for (const spec of OPTION_SCHEMA) {
    const value = merged[spec.name];
    if (value !== undefined) checkOption(spec.name, value);
  }
  if (merged.classWeights !== undefined) {
    if (!Array.isArray(merged.classWeights)) {
      throw new InputError('class weights must be a list of numbers, one per class', undefined, 'weights', undefined, 'class_weights');
    }
    merged.classWeights.forEach((w, i) => finiteNonNegative(w, `class weight ${i}`, 'class_weights', i));
  }
  if (merged.posWeight !== undefined) {
    if (Array.isArray(merged.posWeight)) merged.posWeight.forEach((w, i) => finiteNonNegative(w, `pos_weight ${i}`, 'pos_weight', i));
    else finiteNonNegative(merged.posWeight, 'pos_weight', 'pos_weight');
  }
  return merged;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
