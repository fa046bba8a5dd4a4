/**
 * Command-line parsing for `loss-lens`. Returns a typed request or throws InputError; it
 * never reads files itself beyond resolving `@path` arguments.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InputError, type InputName } from '../errors';
import { checkOption, optionSpec } from '../engine/option-schema';
import type { ClassificationOptions } from '../report/model';

export const USAGE = `Usage:
  loss-lens --logits L --labels L [--smoothing ε] [--sigmoid-smoothing classes|binary]
            [--dialect tf|tf-v1|keras|pytorch|tfjs|optax] [--reduction none|mean|sum]
            [--input logits|probabilities|log-probabilities]
            [--class-weights L] [--pos-weight L] [--ignore-index N] [--class-axis last|first]
            [--float32] [--precision DIGITS] [--summary] [--json] [--digits N]
  loss-lens --p L --q L [--json]          entropy, cross-entropy and KL of two distributions
  loss-lens --outcomes L [--theta T] [--json]   Bernoulli maximum likelihood
  loss-lens --call ID --arg NAME=VALUE ... [--float64] [--summary] [--json] [--digits N]
                                          one framework call, e.g. --call torch.nn.functional.cross_entropy
                                          --arg input=@logits.txt --arg target="[1, 2, 0]" --arg label_smoothing=0.1
  loss-lens --list-calls [--json]         every call in the catalogue, with its parameters and defaults
  loss-lens --describe-call ID [--json]   one call's parameters

A literal L is text in any format Loss Lens reads (Python, NumPy, PyTorch, TF, JAX, JSON,
JavaScript, MATLAB rows), or @path to read it from a file. An --arg VALUE is a literal for a
tensor, a number, True/False, None/null, or a name ('sum' or sum); @path reads it from a file.
Calls compute in float32, as the frameworks do by default; --float64 computes in float64.
Exit codes: 0 success, 2 bad input, 70 an internal error (with --json, stdout is {"error": {...}}).`;

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
  | { readonly mode: 'likelihood'; readonly outcomes: LiteralArgument; readonly theta?: number; readonly output: OutputOptions }
  | { readonly mode: 'call'; readonly call: string; readonly arguments: readonly CallArgumentText[]; readonly float32: boolean; readonly output: OutputOptions }
  | { readonly mode: 'list-calls'; readonly output: OutputOptions }
  | { readonly mode: 'describe-call'; readonly call: string; readonly output: OutputOptions };

/** One `--arg name=value`: the parameter's name and the value's text (a file's text for `@path`). */
export interface CallArgumentText {
  readonly name: string;
  readonly text: string;
  /** `--arg name` or the file the text came from, for messages. */
  readonly source: string;
}

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
  input: { type: 'string' },
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
  call: { type: 'string' },
  arg: { type: 'string', multiple: true },
  float64: { type: 'boolean' },
  'list-calls': { type: 'boolean' },
  'describe-call': { type: 'string' },
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

  if (values['list-calls']) return { mode: 'list-calls', output };
  if (values['describe-call'] !== undefined) return { mode: 'describe-call', call: values['describe-call'], output };
  if (values.call !== undefined) return callRequest(values.call, values, output);
  if (values.arg !== undefined) throw new InputError('--arg gives an argument to a --call; name the call with --call ID.', undefined, 'options');
  if (values.float64)
    throw new InputError(
      '--float64 applies to --call (calls compute in float32 unless asked); the other modes compute in float64 already.',
      undefined,
      'options',
    );

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
  return {
    mode: 'classification',
    logits: literal(values.logits, 'logits'),
    labels: literal(values.labels, 'labels'),
    classWeights: values['class-weights'] === undefined ? undefined : literal(values['class-weights'], 'weights'),
    posWeight: values['pos-weight'] === undefined ? undefined : literal(values['pos-weight'], 'weights'),
    options: {
      smoothing: option('smoothing', values.smoothing) ?? 0,
      sigmoidSmoothing: option('sigmoidSmoothing', values['sigmoid-smoothing']) ?? 'classes',
      dialect: option('dialect', values.dialect) ?? 'tf',
      reduction: option('reduction', values.reduction) ?? 'mean',
      input: option('input', values.input) ?? 'logits',
      classAxis: option('classAxis', values['class-axis']) ?? 'last',
      ignoreIndex: option('ignoreIndex', values['ignore-index']),
      float32: values.float32 ?? false,
      precisionDigits: option('precisionDigits', values.precision),
    },
    output,
  };
}

/** Options of the other modes, which a --call does not take (its options are --arg). */
const NOT_FOR_CALLS = [
  'logits',
  'labels',
  'smoothing',
  'sigmoid-smoothing',
  'input',
  'dialect',
  'reduction',
  'class-weights',
  'pos-weight',
  'ignore-index',
  'class-axis',
  'precision',
  'p',
  'q',
  'outcomes',
  'theta',
] as const;

const ARGUMENT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function callRequest(call: string, values: { readonly [K in keyof typeof OPTIONS]?: unknown }, output: OutputOptions): CliRequest {
  const other = NOT_FOR_CALLS.find((name) => values[name] !== undefined);
  if (other) {
    throw new InputError(
      `--${other} is not an option of --call; give the call's own parameters with --arg NAME=VALUE (loss-lens --describe-call ${call} lists them).`,
      undefined,
      'options',
    );
  }
  if (values.float32 && values.float64)
    throw new InputError('--float32 and --float64 contradict each other; calls compute in float32 unless --float64 is given.', undefined, 'options');
  const seen = new Set<string>();
  const args = ((values.arg as string[] | undefined) ?? []).map((text): CallArgumentText => {
    const equals = text.indexOf('=');
    const name = equals < 0 ? '' : text.slice(0, equals).trim();
    if (!ARGUMENT_NAME.test(name)) {
      throw new InputError(`--arg ${JSON.stringify(text)} needs the form NAME=VALUE, with NAME a parameter of ${call}.`, undefined, 'options');
    }
    if (seen.has(name)) throw new InputError(`--arg ${name} is given twice.`, undefined, 'arguments', undefined, name);
    seen.add(name);
    const value = text.slice(equals + 1);
    if (!value.startsWith('@')) return { name, text: value, source: `--arg ${name}` };
    const path = value.slice(1);
    return { name, text: readArgumentFile(path, name), source: path };
  });
  return { mode: 'call', call, arguments: args, float32: !values.float64, output };
}

function readArgumentFile(path: string, name: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InputError(`Cannot read ${name} from ${path}: ${reason}.`, undefined, 'arguments', undefined, name);
  }
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

/**
 * An option's flag text read by the option schema's type and checked by it (src/engine/option-schema.ts),
 * so the CLI accepts exactly what settings and the calculator accept; undefined when the flag is absent.
 */
function option<K extends keyof ClassificationOptions>(name: K, text: string | undefined): ClassificationOptions[K] | undefined {
  if (text === undefined) return undefined;
  const spec = optionSpec(name);
  const flag = spec.flag ?? name;
  const kind = spec.type.kind;
  const value = kind === 'number' || kind === 'integer' ? numberOption(flag, text) : text;
  return checkOption(name, value) as ClassificationOptions[K];
}
