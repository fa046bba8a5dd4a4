/**
 * Options with their defaults, validated. Options arrive from settings, the CLI and the
 * webview, so anything malformed becomes an InputError naming the option.
 */
import { InputError } from '../errors';
import { DIALECTS, INPUT_KINDS, REDUCTIONS, type ClassificationOptions } from '../report/model';
import { describeValue } from './format';
import { validateSmoothing } from './label-smoothing';

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
export const MIN_PRECISION_DIGITS = 1;
export const MAX_PRECISION_DIGITS = 1000;

function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`option ${name} must be one of ${allowed.join(', ')}; got ${describeValue(value)}`, undefined, 'options', undefined, name);
}

function finiteNonNegative(value: unknown, what: string, argument: 'class_weights' | 'pos_weight', element?: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InputError(`${what} must be a finite number ≥ 0; got ${describeValue(value)}`, undefined, 'weights', element, argument);
  }
  return value;
}

export function resolveOptions(options: Partial<ClassificationOptions> = {}): ClassificationOptions {
  const merged: ClassificationOptions = { ...DEFAULT_OPTIONS, ...stripUndefined(options) };
  validateSmoothing(merged.smoothing);
  oneOf(merged.sigmoidSmoothing, ['classes', 'binary'], 'sigmoidSmoothing');
  oneOf(merged.dialect, DIALECTS, 'dialect');
  oneOf(merged.reduction, REDUCTIONS, 'reduction');
  oneOf(merged.classAxis, ['last', 'first'], 'classAxis');
  if (merged.input !== undefined) oneOf(merged.input, INPUT_KINDS, 'input');
  if (typeof merged.float32 !== 'boolean') {
    throw new InputError(`option float32 must be true or false; got ${describeValue(merged.float32)}`, undefined, 'options');
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
  if (merged.ignoreIndex !== undefined && !Number.isInteger(merged.ignoreIndex)) {
    throw new InputError(`ignore_index must be an integer; got ${describeValue(merged.ignoreIndex)}`, undefined, 'options', undefined, 'ignore_index');
  }
  const digits = merged.precisionDigits;
  if (digits !== undefined && (!Number.isInteger(digits) || digits < MIN_PRECISION_DIGITS || digits > MAX_PRECISION_DIGITS)) {
    throw new InputError(
      `precision digits must be an integer from ${MIN_PRECISION_DIGITS} to ${MAX_PRECISION_DIGITS}; got ${describeValue(digits)}`,
      undefined,
      'options',
    );
  }
  if (merged.focalGamma !== undefined && !(Number.isFinite(merged.focalGamma) && merged.focalGamma >= 0)) {
    throw new InputError(`focal γ must be a finite number ≥ 0; got ${describeValue(merged.focalGamma)}`, undefined, 'options');
  }
  if (merged.focalAlpha !== undefined && !(Number.isFinite(merged.focalAlpha) && merged.focalAlpha <= 1)) {
    throw new InputError(`focal α must be at most 1 (negative turns it off); got ${describeValue(merged.focalAlpha)}`, undefined, 'options');
  }
  return merged;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
