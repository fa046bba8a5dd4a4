/**
 * Command-line parsing for `loss-lens`. Returns a typed request or throws InputError; it
 * never reads files itself beyond resolving `@path` arguments.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InputError, type InputName } from '../errors';
import { DIALECTS, REDUCTIONS, type ClassificationOptions, type Dialect, type Reduction } from '../report/model';

export const USAGE = `Usage:
  loss-lens --logits L --labels L [--smoothing ε] [--sigmoid-smoothing classes|binary]
            [--dialect tf|keras|pytorch|tfjs|optax] [--reduction none|mean|sum]
            [--class-weights L] [--pos-weight L] [--ignore-index N] [--class-axis last|first]
            [--float32] [--precision DIGITS] [--summary] [--json] [--digits N]
  loss-lens --p L --q L [--json]          entropy, cross-entropy and KL of two distributions
  loss-lens --outcomes L [--theta T] [--json]   Bernoulli maximum likelihood

A literal L is text in any format Loss Lens reads (Python, NumPy, PyTorch, TF, JAX, JSON,
JavaScript, MATLAB rows), or @path to read it from a file.
Exit codes: 0 success, 2 bad input (with --json, stdout is {"error": {...}}).`;

/** A literal argument: its text and where it came from (for messages). */
export interface LiteralArgument {
  readonly text: string;
  readonly input: InputName;
  readonly source: string;
}

export type CliRequest =
  | { readonly mode: 'help' }
  | { readonly mode: 'version' }
  | {
      readonly mode: 'classification';
      readonly logits: LiteralArgument;
      readonly labels: LiteralArgument;
      readonly classWeights?: LiteralArgument;
      readonly posWeight?: LiteralArgument;
      readonly options: Omit<ClassificationOptions, 'classWeights' | 'posWeight'>;
      readonly output: OutputOptions;
    }
  | { readonly mode: 'distributions'; readonly p: LiteralArgument; readonly q: LiteralArgument; readonly output: OutputOptions }
  | { readonly mode: 'likelihood'; readonly outcomes: LiteralArgument; readonly theta?: number; readonly output: OutputOptions };

export interface OutputOptions {
  readonly json: boolean;
  readonly summary: boolean;
  readonly digits: number;
}

const OPTIONS = {
  logits: { type: 'string' },
  labels: { type: 'string' },
  smoothing: { type: 'string' },
  'sigmoid-smoothing': { type: 'string' },
  dialect: { type: 'string' },
  reduction: { type: 'string' },
  'class-weights': { type: 'string' },
  'pos-weight': { type: 'string' },
  'ignore-index': { type: 'string' },
  'class-axis': { type: 'string' },
  float32: { type: 'boolean' },
  precision: { type: 'string' },
  summary: { type: 'boolean' },
  json: { type: 'boolean' },
  digits: { type: 'string' },
  p: { type: 'string' },
  q: { type: 'string' },
  outcomes: { type: 'string' },
  theta: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

const NEGATIVE_NUMBER = /^-(?:\d|\.\d|inf)/i;

/**
 * `--ignore-index -100`, `--smoothing -0.1`: node's parseArgs takes a value that starts with
 * `-` for another option and refuses it; a negative number after an option that takes a value
 * is that value.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : undefined;
    const option = name !== undefined && Object.prototype.hasOwnProperty.call(OPTIONS, name) ? OPTIONS[name as keyof typeof OPTIONS] : undefined;
    if (option?.type === 'string' && i + 1 < argv.length && NEGATIVE_NUMBER.test(argv[i + 1])) {
      out.push(`${argv[i]}=${argv[i + 1]}`);
      i++;
    } else {
      out.push(argv[i]);
    }
  }
  return out;
}

export function parseCommandLine(argv: readonly string[]): CliRequest {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; args: string[]; allowPositionals: false }>>['values'];
  try {
    ({ values } = parseArgs({ args: joinNegativeValues(argv), options: OPTIONS, allowPositionals: false, strict: true }));
  } catch (error) {
    throw new InputError(`${(error as Error).message.replace(/\.$/, '')}. Run loss-lens --help for usage.`, undefined, 'options');
  }
  if (values.help) return { mode: 'help' };
  if (values.version) return { mode: 'version' };

  const output: OutputOptions = {
    json: values.json ?? false,
    summary: values.summary ?? false,
    digits: values.digits === undefined ? 8 : integerOption('--digits', values.digits, 1, 17),
  };

  if (values.p !== undefined || values.q !== undefined) {
    if (values.p === undefined || values.q === undefined) throw new InputError('--p and --q go together: give both distributions.', undefined, 'options');
    return { mode: 'distributions', p: literal(values.p, 'p'), q: literal(values.q, 'q'), output };
  }
  if (values.outcomes !== undefined) {
    const theta = values.theta === undefined ? undefined : numberOption('--theta', values.theta);
    if (theta !== undefined && !(theta >= 0 && theta <= 1)) throw new InputError(`--theta must be in [0, 1], got ${values.theta}.`, undefined, 'theta');
    return { mode: 'likelihood', outcomes: literal(values.outcomes, 'outcomes'), theta, output };
  }
  if (values.logits === undefined || values.labels === undefined) {
    throw new InputError('Give --logits and --labels (or --p and --q, or --outcomes). Run loss-lens --help for usage.', undefined, 'options');
  }
  const smoothing = values.smoothing === undefined ? 0 : numberOption('--smoothing', values.smoothing);
  if (!(smoothing >= 0 && smoothing < 1)) {
    throw new InputError(`Label smoothing ε must be in [0, 1), got ${values.smoothing}.`, undefined, 'smoothing');
  }
  return {
    mode: 'classification',
    logits: literal(values.logits, 'logits'),
    labels: literal(values.labels, 'labels'),
    classWeights: values['class-weights'] === undefined ? undefined : literal(values['class-weights'], 'weights'),
    posWeight: values['pos-weight'] === undefined ? undefined : literal(values['pos-weight'], 'weights'),
    options: {
      smoothing,
      sigmoidSmoothing: choice('--sigmoid-smoothing', values['sigmoid-smoothing'], ['classes', 'binary'] as const, 'classes'),
      dialect: choice<Dialect>('--dialect', values.dialect, DIALECTS, 'tf'),
      reduction: choice<Reduction>('--reduction', values.reduction, REDUCTIONS, 'mean'),
      classAxis: choice('--class-axis', values['class-axis'], ['last', 'first'] as const, 'last'),
      ignoreIndex: values['ignore-index'] === undefined ? undefined : integerOption('--ignore-index', values['ignore-index'], -Infinity, Infinity),
      float32: values.float32 ?? false,
      precisionDigits: values.precision === undefined ? undefined : integerOption('--precision', values.precision, 1, 1000),
    },
    output,
  };
}

function literal(value: string, input: InputName): LiteralArgument {
  if (!value.startsWith('@')) return { text: value, input, source: `--${input}` };
  const path = value.slice(1);
  try {
    return { text: readFileSync(path, 'utf8'), input, source: path };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InputError(`Cannot read ${input} from ${path}: ${reason}.`, undefined, input);
  }
}

function numberOption(flag: string, value: string): number {
  const parsed = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(parsed)) throw new InputError(`${flag} needs a number, got "${value}".`, undefined, 'options');
  return parsed;
}

function integerOption(flag: string, value: string, min: number, max: number): number {
  const parsed = numberOption(flag, value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    const range = Number.isFinite(min) ? ` from ${min} to ${max}` : '';
    throw new InputError(`${flag} needs a whole number${range}, got "${value}".`, undefined, 'options');
  }
  return parsed;
}

function choice<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`${flag} must be one of ${allowed.join(', ')}; got "${value}".`, undefined, 'options');
}
