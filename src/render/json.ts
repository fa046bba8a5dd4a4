/**
 * The CLI's `--json` object (a contract other tools depend on; see README "CLI") and the
 * "copy as JSON" format. Arrays keep the input's shape; non-finite numbers become null, and a
 * diagnostic always says where they came from.
 */
import type { CallReport, ClassificationReport, Diagnostic, DistributionReport, LikelihoodReport, Report } from '../report/model';
import { batchShapeOf } from '../report/shapes';
import { type Nested, type Tensor, toNested } from '../tensor';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

export function nested(t: Tensor): Json {
  const convert = (value: Nested): Json => (typeof value === 'number' ? finite(value) : value.map(convert));
  return convert(toNested(t));
}

function perSample(values: Float64Array, batchShape: readonly number[]): Json {
  return nested({ shape: batchShape, data: values });
}

export function diagnosticsJson(diagnostics: readonly Diagnostic[]): Json {
  return diagnostics.map((d) => {
    const entry: { [key: string]: Json } = { severity: d.severity, code: d.code, message: d.message };
    if (d.input) entry.input = d.input;
    if (d.index) entry.index = [...d.index];
    if (d.cell) entry.cell = [...d.cell];
    return entry;
  });
}

export interface JsonOptions {
  /** Leave out per-element and per-sample arrays (for big inputs). */
  readonly summary: boolean;
}

export function classificationJson(report: ClassificationReport, options: JsonOptions): { [key: string]: Json } {
  const totals = (t: { softmaxCrossEntropy: number; sigmoidCrossEntropy: number }): Json => ({
    softmaxCrossEntropy: finite(t.softmaxCrossEntropy),
    sigmoidCrossEntropy: finite(t.sigmoidCrossEntropy),
  });
  const batchShape = batchShapeOf(report);
  const out: { [key: string]: Json } = {
    logitsShape: [...report.logitsShape],
    labelsShape: [...report.labelsShape],
    labelKind: report.labelKind,
    classCount: report.classCount,
    smoothing: report.options.smoothing,
    sigmoidSmoothing: report.options.sigmoidSmoothing,
    dialect: report.options.dialect,
    reduction: report.options.reduction,
    float32: report.options.float32,
  };
  if (!options.summary) {
    out.oneHot = nested(report.oneHot);
    out.smoothedLabels = nested(report.smoothedLabels);
    out.softmax = nested(report.softmax);
    out.argmax = perSample(Float64Array.from(report.argmax), batchShape);
    out.softmaxCrossEntropy = perSample(report.softmaxCrossEntropy, batchShape);
    if (report.options.smoothing > 0) out.softmaxCrossEntropyHard = perSample(report.softmaxCrossEntropyHard, batchShape);
    out.sigmoidCrossEntropy = nested(report.sigmoidCrossEntropy);
    // What the dialect's calls return with reduction none: weights and masks applied.
    if (report.weighted) {
      out.weighted = {
        softmaxCrossEntropy: perSample(report.weighted.softmaxCrossEntropy, batchShape),
        sigmoidCrossEntropy: nested(report.weighted.sigmoidCrossEntropy),
      };
    }
  }
  out.mean = totals(report.mean);
  out.sum = totals(report.sum);
  out.reduced = totals(report.reduced);
  if (report.denominators) out.denominators = totals(report.denominators);
  if (report.precision) {
    out.precision = {
      digits: report.precision.digits,
      softmaxCrossEntropy: [...report.precision.softmaxCrossEntropy],
      sigmoidCrossEntropy: [...report.precision.sigmoidCrossEntropy],
      maxRelativeError: finite(report.precision.maxRelativeError),
    };
  }
  out.diagnostics = diagnosticsJson(report.diagnostics);
  return out;
}

/** The means over the rows (the values themselves for one row), then each row's values. */
export function distributionJson(report: DistributionReport): { [key: string]: Json } {
  const list = (values: Float64Array): Json => Array.from(values, finite);
  return {
    entropy: finite(report.entropy),
    crossEntropy: finite(report.crossEntropy),
    klDivergence: finite(report.klDivergence),
    rows: report.rows,
    normalization: report.normalization,
    perRow: { entropy: list(report.perRow.entropy), crossEntropy: list(report.perRow.crossEntropy), klDivergence: list(report.perRow.klDivergence) },
    diagnostics: diagnosticsJson(report.diagnostics),
  };
}

export function likelihoodJson(report: LikelihoodReport): { [key: string]: Json } {
  const out: { [key: string]: Json } = {
    trials: report.trials,
    successes: report.successes,
    mle: finite(report.mle),
    logLikelihood: finite(report.logLikelihood),
  };
  if (report.theta !== undefined) {
    out.theta = report.theta;
    out.probability = finite(report.probability ?? NaN);
  }
  out.diagnostics = diagnosticsJson(report.diagnostics);
  return out;
}

/**
 * A catalogue call's result: what the call returns (`value`, a number for shape []), the loss of
 * each sample before (`losses`) and after (`weighted`) weights and masks, and how the reduction
 * divided. `--summary` leaves out `losses`, `weighted` and a `value` that is not a scalar; `shape`
 * always says what `value` is.
 */
export function callJson(report: CallReport, options: JsonOptions): { [key: string]: Json } {
  const out: { [key: string]: Json } = {
    call: report.call,
    framework: report.framework,
    docs: report.docs,
    signature: report.signature,
    arguments: report.arguments.map((a) => ({ name: a.name, text: a.text, source: a.source })),
    float32: report.float32,
    shape: [...report.value.shape],
  };
  const scalar = report.value.shape.length === 0;
  if (scalar) out.value = finite(report.value.data[0]);
  else if (!options.summary) out.value = nested(report.value);
  if (!options.summary) {
    out.losses = nested(report.losses);
    out.weighted = nested(report.weighted);
  }
  const reduction = report.reduction;
  out.reduction = reduction && { name: reduction.name, sum: finite(reduction.sum), denominator: finite(reduction.denominator), divides: reduction.divides };
  out.diagnostics = diagnosticsJson(report.diagnostics);
  return out;
}

export function reportJson(report: Report, options: JsonOptions): { [key: string]: Json } {
  switch (report.kind) {
    case 'classification':
      return classificationJson(report, options);
    case 'distributions':
      return distributionJson(report);
    case 'likelihood':
      return likelihoodJson(report);
    case 'call':
      return callJson(report, options);
  }
}
