import * as vscode from 'vscode';
import {
  DIALECTS,
  REDUCTIONS,
  type ClassificationOptions,
  type Dialect,
  type Reduction,
  type SigmoidSmoothing,
} from '../report/model';

export const SECTION = 'lossLens';

/**
 * Typed view of the `lossLens.*` settings. Read fresh on every use: settings take effect
 * without a reload, and reading a configuration section is cheap.
 */
export class Config {
  private get raw(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SECTION);
  }

  get labelSmoothing(): number {
    const value = this.raw.get<number>('labelSmoothing', 0.1);
    return Number.isFinite(value) && value >= 0 && value < 1 ? value : 0.1;
  }

  get sigmoidSmoothing(): SigmoidSmoothing {
    return this.raw.get<string>('sigmoidSmoothing') === 'binary' ? 'binary' : 'classes';
  }

  get dialect(): Dialect {
    const value = this.raw.get<string>('dialect', 'tf');
    return (DIALECTS as readonly string[]).includes(value) ? (value as Dialect) : 'tf';
  }

  get reduction(): Reduction {
    const value = this.raw.get<string>('reduction', 'mean');
    return (REDUCTIONS as readonly string[]).includes(value) ? (value as Reduction) : 'mean';
  }

  /** Significant digits shown. */
  get precision(): number {
    const value = Math.round(this.raw.get<number>('precision', 5));
    return Math.min(17, Math.max(1, Number.isFinite(value) ? value : 5));
  }

  get float32(): boolean {
    return this.raw.get<boolean>('float32', false);
  }

  get hoverEnabled(): boolean {
    return this.raw.get<boolean>('hover.enabled', true);
  }

  get hoverMaxCharacters(): number {
    return Math.max(0, this.raw.get<number>('hover.maxCharacters', 20000));
  }

  /** Selections longer than this many characters are analysed in a worker thread. */
  get backgroundThreshold(): number {
    return Math.max(0, this.raw.get<number>('backgroundThreshold', 1_000_000));
  }

  classificationOptions(): ClassificationOptions {
    return {
      smoothing: this.labelSmoothing,
      sigmoidSmoothing: this.sigmoidSmoothing,
      dialect: this.dialect,
      reduction: this.reduction,
      classAxis: 'last',
      float32: this.float32,
    };
  }

  /** Writes where the setting is defined now, so a workspace value is not shadowing the change. */
  async update(key: 'labelSmoothing' | 'dialect', value: unknown): Promise<void> {
    const inspected = this.raw.inspect(key);
    const target =
      inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await this.raw.update(key, value, target);
  }
}
