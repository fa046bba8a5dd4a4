// The parts of the CLI's --json objects that the CLI tests read, so JSON.parse's result is typed once, here.

/** `--call --json` (src/render/json.ts callJson); `Value` is what `value` holds: a number for shape [], absent with --summary. */
export interface CallOutput<Value = number> {
  call: string;
  framework: string;
  docs: string;
  signature: string;
  arguments: { name: string; text: string; source: string }[];
  float32: boolean;
  shape: number[];
  value: Value;
  losses?: number[];
  weighted?: number[];
  reduction: { name: string; sum: number | null; denominator: number | null; divides: string } | null;
  diagnostics: unknown[];
}

/** `--describe-call --json`, and each of `--list-calls --json`'s `calls` (src/render/catalogue.ts callEntryJson). */
export interface CallEntryOutput {
  id: string;
  parameters: { name: string; required: boolean; default?: unknown; stage?: string }[];
}

/** `--json`'s `error` object (src/cli/main.ts errorJson). */
export interface ErrorOutput {
  message: string;
  line: number | null;
  column: number | null;
  input: string | null;
  argument: string | null;
}

/** A diagnostic in `diagnostics` (src/render/json.ts diagnosticsJson). */
export interface DiagnosticOutput {
  severity: string;
  code: string;
  message: string;
  input?: string;
  index?: number[];
}

/** Softmax and sigmoid cross-entropy totals, in `mean` and `sum`. */
export interface TotalsOutput {
  softmaxCrossEntropy: number;
  sigmoidCrossEntropy: number;
}

/**
 * `--logits --labels --json` (src/render/json.ts classificationJson) on [N, K] logits. --summary leaves the arrays out;
 * the one test that passes it checks that they are undefined.
 */
export interface ClassificationOutput {
  oneHot: number[][];
  smoothedLabels: number[][];
  softmax: number[][];
  softmaxCrossEntropy: number[];
  softmaxCrossEntropyHard: number[];
  sigmoidCrossEntropy: number[][];
  mean: TotalsOutput;
  sum: TotalsOutput;
  diagnostics: DiagnosticOutput[];
}

/** `--p --q --json` (src/render/json.ts distributionJson): the means over rows, and `perRow` for [N, K] inputs. */
export interface DistributionOutput {
  rows: number;
  normalization: string;
  entropy: number;
  crossEntropy: number;
  klDivergence: number;
  perRow: { entropy: number[]; crossEntropy: number[]; klDivergence: number[] };
}

/** `--outcomes --theta --json` (src/render/json.ts likelihoodJson). */
export interface LikelihoodOutput {
  mle: number;
  probability: number;
  logLikelihood: number;
}
