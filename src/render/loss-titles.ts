/**
 * How the additional losses are presented: a title, the TeX of the per-sample (or per-element)
 * formula, and the framework call the engine's numbers reproduce for the report's options. The
 * engine (src/engine/additional-losses.ts) returns only the values, keyed by `name`.
 */
import { shortNumber } from '../engine/format';
import { DEFAULT_FOCAL_ALPHA, DEFAULT_FOCAL_GAMMA } from '../engine/options';
import type { AdditionalLoss, ClassificationOptions } from '../report/model';

export interface LossPresentation {
  readonly title: string;
  /** The framework call this reproduces, e.g. `torchvision.ops.sigmoid_focal_loss(alpha=0.25, gamma=2)`. */
  readonly convention: string;
  /** TeX of the per-sample (or per-element) formula. */
  readonly formula: string;
}

export function presentLoss(name: AdditionalLoss['name'], options: ClassificationOptions): LossPresentation {
  const alpha = options.focalAlpha ?? DEFAULT_FOCAL_ALPHA;
  const gamma = options.focalGamma ?? DEFAULT_FOCAL_GAMMA;
  switch (name) {
    case 'sigmoidFocal':
      return {
        title: 'Sigmoid focal loss',
        convention: `torchvision.ops.sigmoid_focal_loss(${alpha < 0 ? 'alpha=-1' : `alpha=${shortNumber(alpha)}`}, gamma=${shortNumber(gamma)}) / optax.sigmoid_focal_loss`,
        formula: '\\ell = \\alpha_t (1 - p_t)^{\\gamma} \\left[\\max(x, 0) - x z + \\log(1 + e^{-|x|})\\right]',
      };
    case 'hinge':
      return {
        title: 'Hinge loss',
        convention: 'keras.losses.Hinge() (0/1 targets mapped to −1/+1)',
        formula: '\\ell = \\frac{1}{K} \\sum_j \\max(1 - y_j x_j, 0)',
      };
    case 'squaredHinge':
      return {
        title: 'Squared hinge loss',
        convention: 'keras.losses.SquaredHinge()',
        formula: '\\ell = \\frac{1}{K} \\sum_j \\max(1 - y_j x_j, 0)^2',
      };
    case 'categoricalFocal':
      return {
        title: 'Categorical focal loss',
        convention: `keras.losses.CategoricalFocalCrossentropy(${alpha < 0 ? 'alpha=1' : `alpha=${shortNumber(alpha)}`}, gamma=${shortNumber(gamma)}, from_logits=True${options.smoothing > 0 ? `, label_smoothing=${shortNumber(options.smoothing)}` : ''})`,
        formula: "\\ell = -\\sum_j \\alpha (1 - p_j)^{\\gamma} y'_j \\log p_j",
      };
    case 'categoricalHinge':
      return {
        title: 'Categorical hinge loss',
        convention: 'keras.losses.CategoricalHinge()',
        formula: '\\ell = \\max\\left(\\max_j (1 - y_j) x_j - \\sum_j y_j x_j + 1, 0\\right)',
      };
    case 'multiMargin':
      return {
        title: 'Multi-class margin loss',
        convention: `torch.nn.MultiMarginLoss(p=1, margin=1${options.classWeights ? ', weight=w' : ''})`,
        formula: '\\ell = \\frac{1}{K} \\sum_{j \\ne y} w_y \\max(0, 1 - x_y + x_j)',
      };
    case 'meanSquaredError':
      return {
        title: 'Mean squared error of the softmax',
        convention: 'keras.losses.MeanSquaredError()(targets, softmax(logits))',
        formula: "\\ell = \\frac{1}{K} \\sum_j (p_j - y'_j)^2",
      };
  }
}
