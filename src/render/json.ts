/**
 * The CLI's `--json` object (a contract other tools depend on; see README "CLI") and the
 * "copy as JSON" format. Arrays keep the input's shape; non-finite numbers become null, and a
 * diagnostic always says where they came from.
 */
import type { ClassificationReport, Diagnostic, DistributionReport, LikelihoodReport, Report } from '../report/model';
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
  }
  out.mean = totals(report.mean);
  out.sum = totals(report.sum);
  out.reduced = totals(report.reduced);
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

export function distributionJson(report: DistributionReport): { [key: string]: Json } {
  return {
    entropy: finite(report.entropy),
    crossEntropy: finite(report.crossEntropy),
    klDivergence: finite(report.klDivergence),
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

export function reportJson(report: Report, options: JsonOptions): { [key: string]: Json } {
  switch (report.kind) {
    case 'classification':
      return classificationJson(report, options);
    case 'distributions':
      return distributionJson(report);
    case 'likelihood':
      return likelihoodJson(report);
  }
}
