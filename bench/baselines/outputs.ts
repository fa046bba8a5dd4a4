/** What every implementation of the classification losses returns, so their numbers can be compared. */
export interface LossOutputs {
  /** Per sample, against the smoothed one-hot targets y(1 − ε) + ε/K. */
  readonly softmaxCrossEntropy: ArrayLike<number>;
  /** Element-wise [samples × K], against the binary-smoothed targets z(1 − ε) + ε/2. */
  readonly sigmoidCrossEntropy: ArrayLike<number>;
  readonly softmaxMean: number;
  readonly sigmoidMean: number;
}

export interface LossSettings {
  readonly samples: number;
  readonly classes: number;
  readonly epsilon: number;
}
