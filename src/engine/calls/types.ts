/**
 * The shape of the call catalogue: one `CallEntry` per framework loss call, with its parameters
 * as the framework names and orders them, their defaults, and a `compute` built from the shared
 * loss functions. Arguments are bound and validated once, in arguments.ts, from any surface (the
 * CLI's `--arg`, the calculator, settings through the dialect shortcuts, keyword arguments read
 * from code); `compute` receives them already checked.
 */
import type { Diagnostics } from '../diagnostics';
import type { CallReduction } from '../../report/model';
import type { Tensor } from '../../tensor';

export type Framework = 'pytorch' | 'torchvision' | 'keras' | 'tensorflow' | 'tfjs' | 'optax';

/** Each framework's name as its documentation writes it. */
export const FRAMEWORK_NAMES: Readonly<Record<Framework, string>> = {
  pytorch: 'PyTorch',
  torchvision: 'torchvision',
  keras: 'Keras',
  tensorflow: 'TensorFlow',
  tfjs: 'TensorFlow.js',
  optax: 'optax',
};

/** The language a call is written in, for printing it with its arguments. */
export type CallLanguage = 'python' | 'javascript';

/** What an argument holds once read: a tensor, a number, a flag, an enum name, or None/null. */
export type ArgumentValue = Tensor | number | boolean | string | null;

export type ParameterType =
  /** A tensor; a bare number is read as a rank-0 tensor. */
  | { readonly kind: 'tensor' }
  /** A number or a tensor (pos_weight, alpha): kept as given. */
  | { readonly kind: 'number-or-tensor' }
  | {
      readonly kind: 'number';
      readonly min?: number;
      readonly max?: number;
      /** The bounds themselves are excluded. */
      readonly minExclusive?: boolean;
      readonly maxExclusive?: boolean;
    }
  | { readonly kind: 'integer'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'boolean' }
  /** Free text the computation does not read (TensorFlow's `name`, `scope`, `loss_collection`; a Keras loss's `name`). */
  | { readonly kind: 'string' }
  /** One of the names; `None`/`null` is accepted when `nullMeans` names the value it stands for. */
  | { readonly kind: 'choice'; readonly values: readonly string[]; readonly nullMeans?: string };

export interface Parameter {
  /** The framework's own name (`label_smoothing`, `from_logits`, `labelSmoothing`). */
  readonly name: string;
  readonly type: ParameterType;
  /** The value used when the argument is omitted; absent for a required parameter. */
  readonly default?: ArgumentValue;
  /** May the parameter be None/null even though its type is a tensor or number (weight=None)? */
  readonly nullable?: boolean;
  /** For a class, whether it belongs to the constructor or to the call of the built object. */
  readonly stage?: 'init' | 'call';
  /** Only by keyword (after `*` in a Python signature). */
  readonly keywordOnly?: boolean;
  /** One line: what it does, in the framework's terms. */
  readonly description: string;
}

/** Which loss family a call computes, for grouping the catalogue. */
export type LossFamily =
  | 'softmax-cross-entropy'
  | 'sigmoid-cross-entropy'
  | 'binary-cross-entropy'
  | 'negative-log-likelihood'
  | 'focal'
  | 'hinge'
  | 'margin'
  | 'squared-error'
  | 'kl-divergence'
  | 'poly'
  | 'label-smoothing'
  /** The weighting and reduction step alone (tf.compat.v1.losses.compute_weighted_loss, tfjs computeWeightedLoss). */
  | 'weighted-loss';

export interface CallEntry {
  /** The name users write, fully qualified: `torch.nn.functional.cross_entropy`. */
  readonly id: string;
  /** Other names of the same call (`tf.keras.losses.BinaryCrossentropy` for `keras.losses.BinaryCrossentropy`). */
  readonly aliases?: readonly string[];
  readonly framework: Framework;
  readonly language: CallLanguage;
  /** A function called with the tensors, or a class built with options and then called. */
  readonly form: 'function' | 'class';
  readonly family: LossFamily;
  /** One sentence: what the call returns. */
  readonly summary: string;
  /** The framework's documentation of this call. */
  readonly docs: string;
  /** In positional order; for a class, the constructor's (stage 'init') then the call's. */
  readonly parameters: readonly Parameter[];
  /** How the framework computes in float32 by default, in a sentence (what `float32` reproduces). */
  readonly float32: string;
  readonly compute: (args: BoundArguments, context: ComputeContext) => CallOutcome;
}

/** The arguments of one call, validated against its parameters, with defaults filled in. */
export interface BoundArguments {
  readonly entry: CallEntry;
  /** Names the caller gave (the rest are defaults). */
  readonly given: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, ArgumentValue>;
  tensor(name: string): Tensor;
  optionalTensor(name: string): Tensor | null;
  number(name: string): number;
  optionalNumber(name: string): number | null;
  numberOrTensor(name: string): number | Tensor | null;
  boolean(name: string): boolean;
  choice(name: string): string;
}

export interface ComputeContext {
  /** Round inputs and every operation to float32, as the frameworks compute by default. */
  readonly float32: boolean;
  readonly round: (value: number) => number;
  readonly diagnostics: Diagnostics;
}

/** What `compute` returns; the catalogue adds the call's description to make a `CallReport`. */
export interface CallOutcome {
  /** What the call returns: shape [] when reduced, per sample or per element otherwise. */
  readonly value: Tensor;
  /** The loss of each sample (or element) before weights and masks. */
  readonly losses: Tensor;
  /** `losses` with weights and masks applied: what the call returns without reduction. */
  readonly weighted: Tensor;
  /** How `weighted` became `value`; null when the call does not reduce. */
  readonly reduction: CallReduction | null;
}
