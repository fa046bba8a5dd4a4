/**
 * The one schema of Loss Lens's own options (the dialect shortcuts): their types, ranges and
 * defaults, with the setting and the CLI flag that set each. resolveOptions validates with it,
 * the settings reader (src/vscode/config.ts) and the CLI read through it, and a unit test checks
 * that package.json's settings declare the same types, ranges and enums. Values are checked by
 * the same `checkValue` as framework call arguments.
 */
import type { InputName } from '../errors';
import type { ClassificationOptions } from '../report/model';
import { DIALECTS, INPUT_KINDS, REDUCTIONS, SIGMOID_SMOOTHINGS } from '../report/model';
import { checkValue } from './calls/arguments';
import type { ArgumentValue, ParameterType } from './calls/types';

export interface OptionSpec {
  readonly name: keyof ClassificationOptions;
  readonly type: ParameterType;
  /** The engine's default (omitted options). */
  readonly default?: ArgumentValue;
  /** The `lossLens.*` setting, with its own default where it differs (settings start at ε = 0.1). */
  readonly setting?: { readonly key: string; readonly default: ArgumentValue };
  /** The CLI flag. */
  readonly flag?: string;
  /** How messages name it, when not by `name`. */
  readonly label?: string;
  /** The input an error about it names (the calculator marks that field). */
  readonly input?: InputName;
  readonly description: string;
}

export const MIN_PRECISION_DIGITS = 1;
export const MAX_PRECISION_DIGITS = 1000;

export const OPTION_SCHEMA: readonly OptionSpec[] = [
  {
    name: 'smoothing',
    type: { kind: 'number', min: 0, max: 1, maxExclusive: true },
    default: 0,
    setting: { key: 'labelSmoothing', default: 0.1 },
    flag: '--smoothing',
    label: 'label smoothing ε',
    input: 'smoothing',
    description: 'Label smoothing ε: targets become y(1 − ε) + ε/K.',
  },
  {
    name: 'sigmoidSmoothing',
    type: { kind: 'choice', values: SIGMOID_SMOOTHINGS },
    default: 'classes',
    setting: { key: 'sigmoidSmoothing', default: 'classes' },
    flag: '--sigmoid-smoothing',
    description: 'How sigmoid losses smooth index labels: ε/K (classes) or ε/2 (binary).',
  },
  {
    name: 'dialect',
    type: { kind: 'choice', values: DIALECTS },
    default: 'tf',
    setting: { key: 'dialect', default: 'tf' },
    flag: '--dialect',
    description: 'Whose conventions the reduced values follow.',
  },
  {
    name: 'reduction',
    type: { kind: 'choice', values: REDUCTIONS },
    default: 'mean',
    setting: { key: 'reduction', default: 'mean' },
    flag: '--reduction',
    description: 'none, mean or sum, as the dialect computes them.',
  },
  {
    name: 'input',
    type: { kind: 'choice', values: INPUT_KINDS },
    default: 'logits',
    setting: { key: 'input', default: 'logits' },
    flag: '--input',
    description: 'What the numbers passed as logits are.',
  },
  {
    name: 'classAxis',
    type: { kind: 'choice', values: ['last', 'first'] },
    default: 'last',
    flag: '--class-axis',
    description: 'last (TF, Keras, JAX, NumPy) or first (PyTorch dimension 1).',
  },
  {
    name: 'float32',
    type: { kind: 'boolean' },
    default: false,
    setting: { key: 'float32', default: false },
    flag: '--float32',
    description: 'Round every operation to float32.',
  },
  { name: 'ignoreIndex', type: { kind: 'integer' }, flag: '--ignore-index', label: 'ignore_index', description: 'Index labels equal to this are left out.' },
  {
    name: 'precisionDigits',
    type: { kind: 'integer', min: MIN_PRECISION_DIGITS, max: MAX_PRECISION_DIGITS },
    flag: '--precision',
    label: 'precision digits',
    description: 'Recompute the losses with BigNumber at this many digits.',
  },
  { name: 'focalGamma', type: { kind: 'number', min: 0 }, label: 'focal γ', description: 'Focal loss γ.' },
  { name: 'focalAlpha', type: { kind: 'number', max: 1 }, label: 'focal α', description: 'Focal loss α (negative turns it off).' },
];

const BY_NAME = new Map(OPTION_SCHEMA.map((spec) => [spec.name, spec]));

export function optionSpec(name: keyof ClassificationOptions): OptionSpec {
  const spec = BY_NAME.get(name);
  if (!spec) throw new Error(`no option ${name} in the schema`);
  return spec;
}

/** `value` for option `name`, or an InputError naming the option (`argument`) and its input. */
export function checkOption(name: keyof ClassificationOptions, value: unknown, label?: string): ArgumentValue {
  const spec = optionSpec(name);
  const parameter = { name: label ?? spec.label ?? name, type: spec.type, description: spec.description };
  return checkValue(parameter, value as ArgumentValue, spec.input ?? 'options', name);
}

/** Whether the schema accepts `value` for option `name` (a settings value, say). */
export function isValidOption(name: keyof ClassificationOptions, value: unknown): boolean {
  try {
    checkOption(name, value);
    return true;
  } catch {
    return false;
  }
}
