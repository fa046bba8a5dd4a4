/**
 * Precision mode: the per-sample softmax cross-entropy and element-wise sigmoid cross-entropy
 * recomputed with mathjs BigNumber (decimal.js) at `digits` significant digits, to show how far
 * the engine's float64 (or float32) values are from the exact ones.
 *
 * Inputs are taken as the decimals the user wrote (a double's shortest round-trip string: 0.1 is
 * 0.1, not 0.1000000000000000055…), and ε/K, 1 − ε and the targets are exact decimals, so the
 * reference is the mathematical value of what was typed. The same stable forms are used
 * (log-sum-exp shifted by the maximum; max(x, 0) − x·z + ln(1 + e^{−|x|})), so huge logits do
 * not overflow decimal.js either.
 *
 * A dedicated mathjs instance holds only the BigNumber factory; everything else is decimal.js
 * methods on the values, which keeps mathjs' expression machinery out of the bundle. Never used
 * on the float64 hot path.
 */
import { bignumberDependencies, create, type BigNumber, type MathJsInstance } from 'mathjs';
import type { PrecisionCheck } from '../report/model';

const instances = new Map<number, MathJsInstance>();

function bigMath(digits: number): MathJsInstance {
  let math = instances.get(digits);
  if (!math) {
    math = create({ bignumberDependencies }, { number: 'BigNumber', precision: digits });
    instances.set(digits, math);
  }
  return math;
}

export interface PrecisionInput {
  readonly digits: number;
  readonly samples: number;
  /** K of the logits; 1 for binary (one logit per sample, read as the two-class logits [0, x]). */
  readonly columns: number;
  readonly binary: boolean;
  /** The caller's float64 logits, [samples, columns]. */
  readonly logits: Float64Array;
  /** Hard targets as given: [samples, columns] (one-hot for index labels), [samples] for binary. */
  readonly targets: Float64Array;
  /** Ignored samples (index −1), or null. */
  readonly indices: Int32Array | null;
  readonly epsilon: number;
  /** ε is spread over this many classes for the softmax targets (K, or 2 for binary). */
  readonly softmaxSpread: number;
  /** … and over this many for the sigmoid targets (K or 2). */
  readonly sigmoidSpread: number;
  readonly posWeight: Float64Array | null;
  /** The engine's values to compare with. */
  readonly softmaxCrossEntropy: Float64Array;
  readonly sigmoidCrossEntropy: Float64Array;
}

export function precisionCheck(input: PrecisionInput): PrecisionCheck {
  const math = bigMath(input.digits);
  const big = (v: number | string): BigNumber => math.bignumber(v);
  const zero = big(0);
  const one = big(1);
  const eps = big(input.epsilon);
  const smooth = (y: BigNumber, spread: number) => y.times(one.minus(eps)).plus(eps.div(spread));
  const { samples, columns, binary } = input;
  const softmax: string[] = [];
  const sigmoid: string[] = [];
  let maxRelativeError = 0;

  const record = (out: string[], exact: BigNumber | null, engine: number): void => {
    if (exact === null || !exact.isFinite()) {
      out.push(String(engine));
      return;
    }
    out.push(exact.toString());
    if (!Number.isFinite(engine)) {
      maxRelativeError = Infinity;
      return;
    }
    const difference = big(engine).minus(exact).abs();
    const error = exact.isZero() ? difference.toNumber() : difference.div(exact.abs()).toNumber();
    if (error > maxRelativeError) maxRelativeError = error;
  };

  const softplusParts = (x: BigNumber) => one.plus(x.abs().neg().exp()).ln();

  for (let i = 0; i < samples; i++) {
    const ignored = input.indices !== null && input.indices[i] < 0;
    const row: BigNumber[] = [];
    const targets: BigNumber[] = [];
    let finite = true;
    if (binary) {
      const x = input.logits[i];
      const z = input.targets[i];
      finite = Number.isFinite(x) && Number.isFinite(z);
      if (finite) {
        row.push(zero, big(x));
        targets.push(one.minus(big(z)), big(z));
      }
    } else {
      for (let j = 0; j < columns; j++) {
        const x = input.logits[i * columns + j];
        const y = input.targets[i * columns + j];
        if (!Number.isFinite(x) || !Number.isFinite(y)) finite = false;
        else {
          row.push(big(x));
          targets.push(big(y));
        }
      }
    }
    let exactSoftmax: BigNumber | null = null;
    if (ignored) exactSoftmax = zero;
    else if (finite) {
      let m = row[0];
      for (const v of row) if (v.gt(m)) m = v;
      let sum = zero;
      for (const v of row) sum = sum.plus(v.minus(m).exp());
      const logSum = sum.ln();
      let loss = zero;
      row.forEach((v, j) => {
        const target = smooth(targets[j], input.softmaxSpread);
        if (!target.isZero()) loss = loss.plus(target.times(logSum.minus(v.minus(m))));
      });
      exactSoftmax = loss;
    }
    record(softmax, exactSoftmax, input.softmaxCrossEntropy[i]);

    const elements = binary ? 1 : columns;
    for (let j = 0; j < elements; j++) {
      const e = i * elements + j;
      const x = input.logits[e];
      const z = binary ? input.targets[i] : input.targets[e];
      let exact: BigNumber | null = null;
      if (ignored) exact = zero;
      else if (Number.isFinite(x) && Number.isFinite(z)) {
        const bx = big(x);
        const bz = smooth(big(z), input.sigmoidSpread);
        const softplusAbs = softplusParts(bx);
        if (input.posWeight === null) {
          exact = (bx.isPositive() ? bx : zero).minus(bx.times(bz)).plus(softplusAbs);
        } else {
          const p = big(input.posWeight[binary ? 0 : j]);
          const softplusNegative = softplusAbs.plus(bx.isNegative() ? bx.neg() : zero);
          exact = one
            .minus(bz)
            .times(bx)
            .plus(one.plus(p.minus(one).times(bz)).times(softplusNegative));
        }
      }
      record(sigmoid, exact, input.sigmoidCrossEntropy[e]);
    }
  }
  return { digits: input.digits, softmaxCrossEntropy: softmax, sigmoidCrossEntropy: sigmoid, maxRelativeError };
}
