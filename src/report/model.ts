/**
 * The single result model. The engine produces these objects; every surface (hover markdown,
 * webview, CLI text and JSON) only renders them. Plain data: no methods, no vscode types, so
 * a report can cross the webview boundary with postMessage after `toPlain` (typed arrays
 * become number arrays there).
 */
import type { Tensor } from '../tensor';

/** Which framework's conventions decide smoothing style, denominators and clamping. */
export type Dialect = 'tf' | 'tf-v1' | 'keras' | 'pytorch' | 'tfjs' | 'optax';
export const DIALECTS: readonly Dialect[] = ['tf', 'tf-v1', 'keras', 'pytorch', 'tfjs', 'optax'];

export type Reduction = 'none' | 'mean' | 'sum';
export const REDUCTIONS: readonly Reduction[] = ['none', 'mean', 'sum'];

/**
 * How sigmoid losses smooth index labels: `classes` spreads ε over K (y(1-ε)+ε/K, as the seed
 * and YOLOv3 do), `binary` treats each element as its own two-class problem (y(1-ε)+ε/2, as
 * Keras BinaryCrossentropy and tfjs sigmoidCrossEntropy do).
 */
export type SigmoidSmoothing = 'classes' | 'binary';
export const SIGMOID_SMOOTHINGS: readonly SigmoidSmoothing[] = ['classes', 'binary'];

/** What the numbers passed as logits are (PyTorch's NLLLoss takes log-probabilities, Keras' from_logits=False probabilities). */
export type InputKind = 'logits' | 'probabilities' | 'log-probabilities';
export const INPUT_KINDS: readonly InputKind[] = ['logits', 'probabilities', 'log-probabilities'];

/** How the labels tensor was read. */
export type LabelKind =
  | 'indices' // integer class ids, one per sample
  | 'one-hot' // rows of 0/1 with exactly one 1
  | 'multi-hot' // rows of 0/1 with any number of 1s (multi-label)
  | 'probabilities' // soft rows that sum to 1
  | 'binary'; // one 0..1 target per sample, paired with one logit per sample

export interface ClassificationOptions {
  /** Label smoothing ε in [0, 1). */
  readonly smoothing: number;
  readonly sigmoidSmoothing: SigmoidSmoothing;
  readonly dialect: Dialect;
  readonly reduction: Reduction;
  /** `last` (TF, Keras, JAX, NumPy) or `first` (PyTorch's class dimension 1 for N-D input). */
  readonly classAxis: 'last' | 'first';
  /** One weight per class (PyTorch `weight`, Keras `class_weight`). */
  readonly classWeights?: readonly number[];
  /** Weight of positive targets in sigmoid cross-entropy: one number or one per class. */
  readonly posWeight?: number | readonly number[];
  /** Samples whose index label equals this are left out (PyTorch `ignore_index`, default -100 there). */
  readonly ignoreIndex?: number;
  /** Round after every operation to float32, reproducing what TF and PyTorch print. */
  readonly float32: boolean;
  /** What the logits tensor holds (default `logits`). */
  readonly input?: InputKind;
  /** When set, recompute the per-sample losses with mathjs BigNumber at this many digits. */
  readonly precisionDigits?: number;
  /** Also compute focal, hinge, multi-margin and MSE losses into `additionalLosses` (default false). */
  readonly additionalLosses?: boolean;
  /** Focal loss focusing parameter γ (default 2, as torchvision, optax and Keras). */
  readonly focalGamma?: number;
  /** Focal loss class balance α (default 0.25); a negative value turns it off, as torchvision's alpha=-1. */
  readonly focalAlpha?: number;
}

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  readonly severity: DiagnosticSeverity;
  /** Stable identifier, e.g. `probabilities-as-logits`, `labels-out-of-range`, `non-finite-result`. */
  readonly code: string;
  /** One sentence a user can act on. */
  readonly message: string;
  readonly input?: 'logits' | 'labels' | 'p' | 'q' | 'outcomes' | 'weights';
  /** Index of the element (or sample) the diagnostic points at in the user's tensor, in its own layout (N-D, class axis where it was). */
  readonly index?: readonly number[];
  /**
   * The same place in the engine's table view: `[row, column]` of the [samples, K] view with
   * classes last, or `[row]` for a whole sample. Tables (the calculator) highlight this.
   */
  readonly cell?: readonly number[];
}

/** One loss reduced over the batch. */
export interface LossTotals {
  readonly softmaxCrossEntropy: number;
  readonly sigmoidCrossEntropy: number;
}

export interface ClassificationReport {
  readonly kind: 'classification';
  readonly options: ClassificationOptions;
  readonly logitsShape: readonly number[];
  readonly labelsShape: readonly number[];
  /** Samples (every axis but the class axis, flattened). */
  readonly batchSize: number;
  /** K, from the logits' class axis (2 for binary logits with one column). */
  readonly classCount: number;
  readonly labelKind: LabelKind;
  /** Hard targets as [batch, K] (the one-hot of index labels; the labels themselves otherwise). */
  readonly oneHot: Tensor;
  /** Categorical smoothing y(1-ε)+ε/K of `oneHot`; equal to it when ε = 0. */
  readonly smoothedLabels: Tensor;
  /** Targets the sigmoid loss uses, smoothed per `sigmoidSmoothing`. */
  readonly sigmoidTargets: Tensor;
  readonly softmax: Tensor;
  readonly logSoftmax: Tensor;
  readonly argmax: readonly number[];
  /** Entropy of each softmax row (nats). */
  readonly entropy: Float64Array;
  /** Per sample, against `smoothedLabels` (the hard labels when ε = 0). */
  readonly softmaxCrossEntropy: Float64Array;
  /** Per sample, against `oneHot`, so the effect of smoothing is visible. */
  readonly softmaxCrossEntropyHard: Float64Array;
  /** Element-wise [batch, K], against `sigmoidTargets`; [batch] for binary logits. */
  readonly sigmoidCrossEntropy: Tensor;
  readonly sigmoidCrossEntropyHard: Tensor;
  /** Unweighted mean: softmax over samples, sigmoid over all elements. */
  readonly mean: LossTotals;
  readonly sum: LossTotals;
  /** The loss the selected dialect returns for `options.reduction` with weights applied. */
  readonly reduced: LossTotals;
  /** d loss / d logits per element: softmax − y and σ(x) − z. */
  readonly gradients: { readonly softmax: Tensor; readonly sigmoid: Tensor };
  readonly diagnostics: readonly Diagnostic[];
  /** Present when `precisionDigits` was set: BigNumber values as decimal strings. */
  readonly precision?: PrecisionCheck;
  /**
   * Shape of the samples: the logits' shape without the class axis. Sample `i` of every
   * per-sample array is the row-major position `i` in this shape.
   */
  readonly sampleShape?: readonly number[];
  /** The logits as the engine read them: [batch, K] with the class axis last; [batch] for binary. */
  readonly logits?: Tensor;
  /** log Σ_j e^{x_j} per sample (for binary, of the two-class logits [0, x]). */
  readonly logSumExp?: Float64Array;
  /** H(y) of each (smoothed) target row: the least softmax CE can be, so CE − H(y) = KL(y‖softmax). */
  readonly labelEntropy?: Float64Array;
  /** Per-sample (softmax) and per-element (sigmoid) losses with the dialect's weights applied: what `reduction: 'none'` returns. */
  readonly weighted?: WeightedLosses;
  /**
   * What the dialect divided by for `reduction: 'mean'` (1 for 'sum'). For reduction 'none' the
   * frameworks return `weighted`; `reduced` then holds the dialect's mean so a single number exists.
   */
  readonly denominators?: LossTotals;
  /** Present when `additionalLosses` was set. */
  readonly additionalLosses?: readonly AdditionalLoss[];
}

export interface WeightedLosses {
  readonly softmaxCrossEntropy: Float64Array;
  readonly sigmoidCrossEntropy: Tensor;
}

/** A loss beyond the two cross-entropies, as one framework defines it (its title, TeX and call: src/render/loss-titles.ts). */
export interface AdditionalLoss {
  readonly name: 'sigmoidFocal' | 'categoricalFocal' | 'hinge' | 'squaredHinge' | 'categoricalHinge' | 'multiMargin' | 'meanSquaredError';
  /** Per sample [batch], or element-wise [batch, K] for the sigmoid focal loss. */
  readonly values: Tensor;
  /** Unweighted mean of `values` over the samples (elements) that count. */
  readonly mean: number;
}

/** What one framework returns for the same logits, labels and options. */
export interface DialectLosses {
  readonly dialect: Dialect;
  /** The framework calls modelled, e.g. `torch.nn.CrossEntropyLoss(label_smoothing=0.1)`. */
  readonly softmaxCall: string;
  readonly sigmoidCall: string;
  /** How that dialect smoothed the sigmoid targets. */
  readonly sigmoidSmoothing: SigmoidSmoothing;
  readonly reduced: LossTotals;
  readonly denominators: LossTotals;
  readonly weighted: WeightedLosses;
  /** Conventions worth knowing for this input, one sentence each. */
  readonly notes: readonly string[];
  /**
   * Present when every logit lies in [0, 1]: the same numbers passed as probabilities to the
   * dialect's probability-input losses (Keras from_logits=False with clipping to [1e-7, 1 − 1e-7],
   * PyTorch BCELoss with log clamped at −100, tf/tfjs log_loss with +1e-7).
   */
  readonly fromProbabilities?: {
    readonly softmaxCall?: string;
    readonly sigmoidCall: string;
    readonly softmaxCrossEntropy?: number;
    readonly sigmoidCrossEntropy: number;
  };
}

export interface DialectComparison {
  readonly kind: 'dialect-comparison';
  readonly options: ClassificationOptions;
  readonly dialects: readonly DialectLosses[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface PrecisionCheck {
  readonly digits: number;
  readonly softmaxCrossEntropy: readonly string[];
  readonly sigmoidCrossEntropy: readonly string[];
  /** Largest |float64 − BigNumber| / |BigNumber| over the values above. */
  readonly maxRelativeError: number;
}

/**
 * Entropy, cross-entropy and KL divergence of each row of p against the matching row of q (the
 * last axis holds the outcomes; a single row is compared with every row of the other input).
 */
export interface DistributionReport {
  readonly kind: 'distributions';
  /** Rows compared, after broadcasting a single row; 1 for two vectors. */
  readonly rows: number;
  /** Outcomes per row (K). */
  readonly outcomes: number;
  /**
   * What was done to rows that do not sum to 1: `none` (they are refused; scipy.stats.entropy
   * would normalise them, torch kl_div and optax use them as given, Keras KLDivergence clips).
   */
  readonly normalization: 'none';
  /** [rows, outcomes], row-major, after broadcasting. */
  readonly p: Float64Array;
  readonly q: Float64Array;
  /** Mean over the rows of H(p) in nats (the value itself for one row). */
  readonly entropy: number;
  /** Mean over the rows of H(p, q) = −Σ p log q. */
  readonly crossEntropy: number;
  /** Mean over the rows of KL(p‖q) = H(p, q) − H(p). */
  readonly klDivergence: number;
  readonly perRow: { readonly entropy: Float64Array; readonly crossEntropy: Float64Array; readonly klDivergence: Float64Array };
  readonly diagnostics: readonly Diagnostic[];
}

export interface LikelihoodReport {
  readonly kind: 'likelihood';
  readonly trials: number;
  readonly successes: number;
  /** θ̂ = successes / trials. */
  readonly mle: number;
  /** Log-likelihood at θ̂ (natural log). */
  readonly logLikelihood: number;
  /** θ asked about, with the binomial probability of the observed count there. */
  readonly theta?: number;
  readonly probability?: number;
  /** log L(θ) sampled on a grid over (0, 1), for plotting. */
  readonly curve: { readonly theta: Float64Array; readonly logLikelihood: Float64Array };
  readonly diagnostics: readonly Diagnostic[];
}

export type Report = ClassificationReport | DistributionReport | LikelihoodReport | CallReport;

/** One step of a worked derivation: the formula, then the same with the numbers substituted. */
export interface DerivationStep {
  /** Short prose for the step, e.g. "log-sum-exp of row 0". */
  readonly description: string;
  /** TeX of the symbolic form, e.g. `\log\sum_j e^{x_j}`. */
  readonly formula: string;
  /** TeX with this element's numbers substituted. */
  readonly substituted: string;
  readonly value: number;
}

export interface Derivation {
  readonly loss: 'softmaxCrossEntropy' | 'sigmoidCrossEntropy' | 'softmax' | 'smoothedLabel';
  /** Row for row-wise quantities, [row, column] for element-wise ones. */
  readonly index: readonly number[];
  readonly title: string;
  readonly steps: readonly DerivationStep[];
  readonly result: number;
}

/** One argument of a framework call as it was evaluated: given by the caller, or the default. */
export interface CallArgument {
  readonly name: string;
  /** The value as the call's language writes it (`0.1`, `'mean'`, `None`, a tensor's shape). */
  readonly text: string;
  readonly source: 'given' | 'default';
}

/** What one framework call (an entry of the call catalogue, src/engine/calls) returns for its arguments. */
export interface CallReport {
  readonly kind: 'call';
  /** The catalogue id: `torch.nn.functional.cross_entropy`. */
  readonly call: string;
  readonly framework: string;
  readonly docs: string;
  /** The call with every argument written out, defaults filled in. */
  readonly signature: string;
  readonly arguments: readonly CallArgument[];
  /** Computed in float32 (per operation, as the framework does by default) or float64. */
  readonly float32: boolean;
  /** What the call returns: shape [] when reduced. */
  readonly value: Tensor;
  /** The loss of each sample (or element) before weights and masks. */
  readonly losses: Tensor;
  /** With weights and masks applied: what the call returns without reduction. */
  readonly weighted: Tensor;
  readonly reduction: CallReduction | null;
  readonly diagnostics: readonly Diagnostic[];
}

export interface CallReduction {
  /** The framework's own name: `mean`, `sum_over_batch_size`, `SUM_BY_NONZERO_WEIGHTS`, `batchmean`. */
  readonly name: string;
  readonly sum: number;
  readonly denominator: number;
  /** What the denominator counts, as a phrase. */
  readonly divides: string;
}
