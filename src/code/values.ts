/**
 * What an expression in the user's code evaluates to, as far as the reader follows it: tensors
 * (with the dtype and library that made them, since both decide float32 rounding and printing),
 * Python/JavaScript scalars, modules and the functions in them, built loss objects, and the
 * user's own functions. What cannot be followed is a `NotResolved` thrown with the place and
 * the reason, which the loss call reports against the argument it was reading.
 */
import type { ArgumentList } from '../engine/calls/arguments';
import type { CallEntry, Framework } from '../engine/calls/types';
import type { Tensor } from '../tensor';
import type { FunctionDefinition, Span } from './syntax';

export type DType = 'float16' | 'float32' | 'float64' | 'int32' | 'int64' | 'bool';

/** The library whose conventions a tensor follows: its default dtypes, its printing. */
export type Library = 'torch' | 'numpy' | 'tensorflow' | 'jax' | 'tfjs';

/** The library whose conventions a framework call's tensors follow (Keras reads NumPy arrays). */
export const LIBRARY_OF_FRAMEWORK: Readonly<Record<Framework, Library>> = {
  pytorch: 'torch',
  torchvision: 'torch',
  keras: 'numpy',
  tensorflow: 'tensorflow',
  tfjs: 'tfjs',
  optax: 'jax',
};

/** An operation whose output is recognisably of one kind, for the probabilities-as-logits check. */
export interface Provenance {
  readonly operation: 'softmax' | 'log_softmax' | 'sigmoid' | 'one_hot';
  readonly span: Span;
  /** The operation's input expression, when the operation was written as a call on it. */
  readonly inputSpan?: Span;
}

export interface TensorValue {
  readonly kind: 'tensor';
  readonly tensor: Tensor;
  readonly dtype: DType;
  readonly library: Library;
  readonly provenance?: Provenance;
  /** Made by torch.empty and not filled since: its values are whatever memory held. */
  readonly uninitialised?: Span;
  /** For a tensor written as a literal in the code: where each element is, in row-major order. */
  readonly elementSpans?: readonly Span[];
}

export type Value =
  | TensorValue
  | { readonly kind: 'number'; readonly value: number; readonly integer: boolean }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'string'; readonly value: string }
  /** None / null; JavaScript's `undefined` too, which as an argument means "the default". */
  | { readonly kind: 'none'; readonly undefined?: true }
  | { readonly kind: 'list'; readonly items: readonly Value[]; readonly tuple: boolean; readonly spans?: readonly Span[] }
  /** A module, or a name inside one the reader knows by its path (`torch.nn.functional.softmax`). */
  | { readonly kind: 'module'; readonly path: string }
  | { readonly kind: 'dtype'; readonly dtype: DType }
  /** A loss class built with its constructor's arguments, waiting to be called. */
  | { readonly kind: 'loss-object'; readonly entry: CallEntry; readonly init: ArgumentList; readonly initSpans: ReadonlyMap<string, Span>; readonly span: Span }
  | { readonly kind: 'function'; readonly definition: FunctionDefinition; readonly scope: ScopeRef };

/** Where a user function was defined: the reader looks its free names up from there. */
export interface ScopeRef {
  readonly scopeId: number;
}

/** Why an expression has no value the reader can compute. */
export class NotResolved extends Error {
  constructor(
    readonly reason: string,
    readonly span: Span,
    /** The loss call's parameter whose argument could not be read, once known. */
    readonly argument?: string,
  ) {
    super(reason);
  }

  /** The same reason, naming the parameter it was reading (the subclass is kept: a limit stays a limit). */
  forArgument(argument: string): NotResolved {
    if (this.argument !== undefined) return this;
    const Kind = this.constructor as new (reason: string, span: Span, argument?: string) => NotResolved;
    return new Kind(this.reason, this.span, argument);
  }
}

export function describeKind(value: Value): string {
  switch (value.kind) {
    case 'tensor':
      return `a ${value.dtype} tensor of shape [${value.tensor.shape.join(', ')}]`;
    case 'number':
      return `the number ${value.value}`;
    case 'boolean':
      return `the boolean ${value.value}`;
    case 'string':
      return `the string '${value.value}'`;
    case 'none':
      return 'None';
    case 'list':
      return `a ${value.tuple ? 'tuple' : 'list'} of ${value.items.length}`;
    case 'module':
      return value.path;
    case 'dtype':
      return value.dtype;
    case 'loss-object':
      return `a ${value.entry.id} object`;
    case 'function':
      return `the function ${value.definition.name}()`;
  }
}

export function isFloat(dtype: DType): boolean {
  return dtype === 'float16' || dtype === 'float32' || dtype === 'float64';
}
