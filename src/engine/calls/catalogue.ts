/**
 * The call catalogue: every framework loss call Loss Lens computes, by the name users write.
 * `evaluateCall` binds the arguments (arguments.ts), runs the entry on the shared loss functions
 * and returns the result model's `CallReport`. The CLI (`--call`), the calculator, the dialect
 * shortcuts and the code reader all go through here.
 */
import { InputError } from '../../errors';
import type { CallArgument, CallReport } from '../../report/model';
import { Diagnostics } from '../diagnostics';
import { fround } from '../float32';
import { identity } from '../label-smoothing';
import { bindArguments, isTensor, type ArgumentList } from './arguments';
import { KERAS_CALLS } from './keras';
import { OPTAX_CALLS } from './optax';
import { PYTORCH_CALLS } from './pytorch';
import { TENSORFLOW_CALLS } from './tensorflow';
import { TFJS_CALLS } from './tfjs';
import { TORCHVISION_CALLS } from './torchvision';
import type { ArgumentValue, BoundArguments, CallEntry, CallLanguage } from './types';

export const CALLS: readonly CallEntry[] = [...PYTORCH_CALLS, ...TORCHVISION_CALLS, ...KERAS_CALLS, ...TENSORFLOW_CALLS, ...TFJS_CALLS, ...OPTAX_CALLS];

const BY_ID = new Map(CALLS.flatMap((entry) => [entry.id, ...(entry.aliases ?? [])].map((name) => [name, entry] as const)));

/** The entry a name (id or alias) stands for, if the catalogue has it. */
export function lookupCall(name: string): CallEntry | undefined {
  return BY_ID.get(name);
}

/** The entry for a call name, or an InputError listing the near names. */
export function findCall(id: string): CallEntry {
  const entry = BY_ID.get(id);
  if (entry) return entry;
  const tail = id.split('.').pop()?.toLowerCase() ?? '';
  const near = CALLS.filter((e) => e.id.toLowerCase().endsWith(tail) || e.id.toLowerCase().includes(tail)).map((e) => e.id);
  throw new InputError(
    `unknown call ${id}${near.length > 0 ? `; did you mean ${near.slice(0, 4).join(', ')}?` : '; run loss-lens --list-calls to see them'}`,
    undefined,
    'arguments',
    undefined,
    'call',
  );
}

interface EvaluateOptions {
  /** Per-operation float32, as the frameworks compute by default (true unless asked otherwise). */
  readonly float32?: boolean;
  /** For a class: the constructor's arguments. */
  readonly init?: ArgumentList;
}

/** What `entry` returns for these arguments. */
export function evaluateCall(entry: CallEntry, call: ArgumentList, options: EvaluateOptions = {}): CallReport {
  const bound = bindArguments(entry, call, options.init);
  const float32 = options.float32 ?? true;
  const diagnostics = new Diagnostics();
  const outcome = entry.compute(bound, { float32, round: float32 ? fround : identity, diagnostics });
  return {
    kind: 'call',
    call: entry.id,
    framework: entry.framework,
    docs: entry.docs,
    signature: signatureOf(bound),
    arguments: argumentsOf(bound),
    float32,
    value: outcome.value,
    losses: outcome.losses,
    weighted: outcome.weighted,
    reduction: outcome.reduction,
    diagnostics: diagnostics.list(),
  };
}

function argumentsOf(bound: BoundArguments): CallArgument[] {
  return bound.entry.parameters.map((p) => ({
    name: p.name,
    text: valueText(bound.values.get(p.name) ?? null, bound.entry.language, p.name),
    source: bound.given.has(p.name) ? 'given' : 'default',
  }));
}

/** The call written out with every argument: tensors by parameter name, the rest by value. */
function signatureOf(bound: BoundArguments): string {
  const { entry } = bound;
  const part = (stage: 'init' | 'call') =>
    entry.parameters
      .filter((p) => (p.stage ?? 'call') === stage)
      .map((p) => {
        const value = bound.values.get(p.name) ?? null;
        if (isTensor(value) && p.default === undefined) return p.name;
        return `${p.name}=${valueText(value, entry.language, p.name)}`;
      })
      .join(', ');
  if (entry.language === 'javascript') {
    // JavaScript has no keywords: arguments in order, each as `value`, named in a comment.
    const values = entry.parameters.map((p) => {
      const value = bound.values.get(p.name) ?? null;
      return isTensor(value) && p.default === undefined ? p.name : `${valueText(value, 'javascript', p.name)} /* ${p.name} */`;
    });
    return `${entry.id}(${values.join(', ')})`;
  }
  return entry.form === 'class' ? `${entry.id}(${part('init')})(${part('call')})` : `${entry.id}(${part('call')})`;
}

/** One value as `language` writes it; a tensor shows its values when small, else its shape. */
export function valueText(value: ArgumentValue, language: CallLanguage, name: string): string {
  const python = language === 'python';
  if (value === null) return python ? 'None' : 'null';
  if (typeof value === 'boolean') return python ? (value ? 'True' : 'False') : String(value);
  if (typeof value === 'string') return python ? `'${value}'` : `'${value}'`;
  if (typeof value === 'number') return numberText(value, python);
  if (value.data.length <= 8) {
    const nested = (axis: number, offset: number): string => {
      if (axis === value.shape.length) return numberText(value.data[offset], python);
      const stride = value.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
      const items: string[] = [];
      for (let i = 0; i < value.shape[axis]; i++) items.push(nested(axis + 1, offset + i * stride));
      return `[${items.join(', ')}]`;
    };
    return nested(0, 0);
  }
  return `${name}‹shape [${value.shape.join(', ')}]›`;
}

function numberText(value: number, python: boolean): string {
  if (Number.isNaN(value)) return python ? "float('nan')" : 'NaN';
  if (value === Infinity) return python ? "float('inf')" : 'Infinity';
  if (value === -Infinity) return python ? "-float('inf')" : '-Infinity';
  return String(value);
}
