/**
 * What the numbers passed as "logits" are: raw scores (`logits`), probabilities, or
 * log-probabilities. The user says which (setting `lossLens.input`, CLI `--input`, the
 * calculator); Loss Lens never switches by itself (a diagnostic offers the switch when logits
 * look like probabilities).
 *
 * The fused kernel works on logits, so other inputs are handed to it as log-probabilities
 * (x = log p): then softmax(x) = p / Σp, each row normalised as Keras' from_logits=False does, and
 * the softmax, entropy and argmax columns describe the distribution the user passed. The losses
 * are then replaced by each framework's probability-input losses, with their own guards:
 * - probabilities, softmax side: Keras CategoricalCrossentropy(from_logits=False) (rows divided by
 *   their sum, clipped to [1e-7, 1 − 1e-7]); PyTorch NLLLoss on log p; tf, tf.compat.v1, tfjs and
 *   optax have no probability-input softmax loss, so −Σ y·log p as written by hand;
 * - probabilities, sigmoid side: Keras BinaryCrossentropy (clipped), PyTorch BCELoss (log clamped
 *   at −100), tf.compat.v1.losses.log_loss and tfjs logLoss (+1e-7 inside the logs), and for optax
 *   −z·log p − (1 − z)·log(1 − p) by hand;
 * - log-probabilities: PyTorch NLLLoss (−Σ y·log p, no softmax); the sigmoid side reads
 *   p = e^{log p} and proceeds as for probabilities.
 */
import { InputError } from '../errors';
import type { Dialect, InputKind } from '../report/model';
import { probabilityLosses } from './dialect';
import { formatIndex, shortNumber } from './format';
import { unravel } from './layout';

/** The kernel's logits for these inputs: `values` itself for logits, log p for probabilities. */
export function kernelLogits(values: Float64Array, kind: InputKind, shape: readonly number[], round: (v: number) => number): Float64Array {
  if (kind === 'logits') return values;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const valid = kind === 'probabilities' ? v >= 0 && v <= 1 : v <= 0;
    if (!valid) {
      const what = kind === 'probabilities' ? 'a probability in [0, 1]' : 'a log-probability ≤ 0';
      throw new InputError(
        `logits${formatIndex(unravel(i, shape))} = ${shortNumber(v)} is not ${what}, as input = ${kind} requires; choose input = logits for raw scores`,
        undefined,
        'logits',
        i,
        'input',
      );
    }
    out[i] = kind === 'probabilities' ? round(Math.log(v)) : v;
  }
  return out;
}

export interface ProbabilityInputLosses {
  /** Per sample. */
  readonly softmax: Float64Array;
  /** Per element. */
  readonly sigmoid: Float64Array;
  readonly softmaxCall: string;
  readonly sigmoidCall: string;
}

export interface ProbabilityInputRequest {
  readonly dialect: Dialect;
  readonly kind: Exclude<InputKind, 'logits'>;
  readonly samples: number;
  readonly columns: number;
  readonly binary: boolean;
  /** The numbers the user passed. */
  readonly values: Float64Array;
  readonly softmaxTargets: Float64Array;
  readonly sigmoidTargets: Float64Array;
  readonly round: (v: number) => number;
}

/** The dialect's losses for probability or log-probability inputs. */
export function probabilityInputLosses(request: ProbabilityInputRequest): ProbabilityInputLosses {
  const { dialect, kind, samples, columns, binary, values, softmaxTargets: y, round } = request;
  const p = kind === 'probabilities' ? values : Float64Array.from(values, (v) => round(Math.exp(v)));
  const framework = probabilityLosses(dialect, { samples, columns, binary, p, softmaxTargets: y, sigmoidTargets: request.sigmoidTargets, round });
  const sigmoid = framework?.sigmoid ?? byHandBinary(p, request.sigmoidTargets, round);
  const sigmoidCall = framework?.sigmoidCall ?? '−z·log p − (1 − z)·log(1 − p), by hand (optax has no probability-input loss)';
  if (kind === 'log-probabilities' || binary || !framework?.softmax) {
    const logP = kind === 'log-probabilities' ? values : Float64Array.from(values, (v) => round(Math.log(v)));
    const softmax = binary ? byHandBinaryRows(sigmoid, samples) : negativeLogLikelihood(logP, y, samples, columns, round);
    const softmaxCall =
      kind === 'log-probabilities'
        ? dialect === 'pytorch'
          ? 'torch.nn.NLLLoss()(log_p, labels)'
          : '−Σ y·log p (the log-probabilities as given)'
        : '−Σ y·log p, by hand (no probability-input softmax loss in this framework)';
    return { softmax, sigmoid, softmaxCall: binary ? sigmoidCall : softmaxCall, sigmoidCall };
  }
  return { softmax: framework.softmax, sigmoid, softmaxCall: framework.softmaxCall ?? '', sigmoidCall };
}

/** −Σ_j y_j·log p_j per row; a zero target contributes 0 even where log p = −∞. */
function negativeLogLikelihood(logP: Float64Array, y: Float64Array, samples: number, classes: number, round: (v: number) => number): Float64Array {
  const out = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    let loss = 0;
    for (let j = 0; j < classes; j++) {
      const target = y[i * classes + j];
      if (target !== 0) loss = round(loss - round(target * logP[i * classes + j]));
    }
    out[i] = loss;
  }
  return out;
}

function byHandBinary(p: Float64Array, z: Float64Array, round: (v: number) => number): Float64Array {
  return Float64Array.from(p, (q, i) => {
    const positive = z[i] === 0 ? 0 : round(z[i] * round(Math.log(q)));
    const negative = z[i] === 1 ? 0 : round(round(1 - z[i]) * round(Math.log(round(1 - q))));
    return -round(positive + negative);
  });
}

/** One logit per sample: the two-class softmax loss is the binary loss itself. */
function byHandBinaryRows(sigmoid: Float64Array, samples: number): Float64Array {
  return sigmoid.subarray(0, samples);
}
