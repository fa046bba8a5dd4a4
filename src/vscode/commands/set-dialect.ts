import * as vscode from 'vscode';
import { DIALECTS, type Dialect } from '../../report/model';
import type { LossLensContext } from '../context';
import type { Command } from './command-manager';

const DIALECT_NAMES: Readonly<Record<Dialect, string>> = {
  tf: 'TensorFlow (tf.nn)',
  'tf-v1': 'TensorFlow (tf.compat.v1.losses)',
  keras: 'Keras',
  pytorch: 'PyTorch',
  tfjs: 'TensorFlow.js',
  optax: 'JAX / optax',
};

function dialectDescription(dialect: Dialect): string {
  switch (dialect) {
    case 'tf':
      return vscode.l10n.t('per-example losses; smoothing applied as asked');
    case 'tf-v1':
      return vscode.l10n.t('sum by nonzero weights; binary smoothing ε/2 for sigmoid');
    case 'keras':
      return vscode.l10n.t('sum over batch size; probabilities clipped to [1e-7, 1 − 1e-7]; binary smoothing ε/2');
    case 'pytorch':
      return vscode.l10n.t('weighted mean divides by Σ w of the targets; log clamped at −100');
    case 'tfjs':
      return vscode.l10n.t('sum by nonzero weights; binary smoothing ε/2 for sigmoid');
    case 'optax':
      return vscode.l10n.t('per-example losses, mean over the batch');
  }
}

/** Chooses whose conventions (smoothing, denominators, clipping) the results follow. */
export class SetDialectCommand implements Command {
  readonly id = 'lossLens.setDialect';

  constructor(private readonly context: LossLensContext) {}

  async execute(value?: unknown): Promise<void> {
    let dialect: Dialect | undefined;
    if ((DIALECTS as readonly unknown[]).includes(value)) {
      dialect = value as Dialect;
    } else {
      const current = this.context.config.dialect;
      const picked = await vscode.window.showQuickPick(
        DIALECTS.map((d) => ({ label: DIALECT_NAMES[d], description: dialectDescription(d), dialect: d, picked: d === current })),
        { title: vscode.l10n.t('Loss Lens: Framework Dialect (now {0})', DIALECT_NAMES[current]) },
      );
      dialect = picked?.dialect;
    }
    if (dialect) await this.context.config.update('dialect', dialect);
  }
}
