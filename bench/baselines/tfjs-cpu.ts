/**
 * @tensorflow/tfjs-core on the pure-JS CPU backend, with its own loss functions:
 * tf.losses.softmaxCrossEntropy and tf.losses.sigmoidCrossEntropy with labelSmoothing (ε/K for
 * softmax, ε/2 for sigmoid: tfjs' conventions), Reduction.NONE to get the per-sample and
 * element-wise values, then tf.mean. Tensors are float32, as in tfjs.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { LossOutputs, LossSettings } from './outputs';

export async function useCpuBackend(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

export function tfjsLosses(logits: Float32Array, labels: Int32Array, settings: LossSettings): LossOutputs {
  const { samples: N, classes: K, epsilon } = settings;
  return tf.tidy(() => {
    const x = tf.tensor2d(logits, [N, K], 'float32');
    const oneHot = tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), K), 'float32');
    const softmax = tf.losses.softmaxCrossEntropy(oneHot, x, undefined, epsilon, tf.Reduction.NONE);
    const sigmoid = tf.losses.sigmoidCrossEntropy(oneHot, x, undefined, epsilon, tf.Reduction.NONE);
    return {
      softmaxCrossEntropy: softmax.dataSync(),
      sigmoidCrossEntropy: sigmoid.dataSync(),
      softmaxMean: tf.mean(softmax).dataSync()[0],
      sigmoidMean: tf.mean(sigmoid).dataSync()[0],
    };
  });
}

export function tfjsMemory(): tf.MemoryInfo {
  return tf.memory();
}
