import * as vscode from 'vscode';
import { DIALECTS, REDUCTIONS, SIGMOID_SMOOTHINGS, type ClassificationOptions, type Dialect, type Reduction, type SigmoidSmoothing } from '../report/model';

export const SECTION = 'lossLens';

/** A setting whose value the schema forbids (settings.json is edited by hand), and what is used instead. */
export interface InvalidSetting {
  readonly key: string;
  readonly value: unknown;
  /** What the setting must be, for the message. */
  readonly expected: string;
  readonly fallback: unknown;
}

let reportInvalid: (problem: InvalidSetting) => void = () => undefined;
/** Key and value of each invalid setting already reported, so each is reported once. */
const reported = new Set<string>();

/** Where every Config reports invalid settings (the extension shows a warning); undone on dispose. */
export function onInvalidSetting(handler: (problem: InvalidSetting) => void): vscode.Disposable {
  reportInvalid = handler;
  return new vscode.Disposable(() => {
    if (reportInvalid === handler) reportInvalid = () => undefined;
    reported.clear();
  });
}

/**
 * Typed view of the `lossLens.*` settings. Read fresh on every use: settings take effect
 * without a reload, and reading a configuration section is cheap. A value the schema forbids is
 * replaced by the default and reported once (per key and value, whichever Config read it), so
 * the user learns why the results ignore it.
 */
export class Config {
  private get raw(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SECTION);
  }

  /** The setting's value if `valid` accepts it, else `fallback` (reported once). */
  private read<T>(key: string, fallback: T, valid: (value: unknown) => value is T, expected: () => string): T {
    const value = this.raw.get<unknown>(key, fallback);
    if (valid(value)) return value;
    const id = `${key}\u0000${JSON.stringify(value) ?? String(value)}`;
    if (!reported.has(id)) {
      reported.add(id);
      reportInvalid({ key: `${SECTION}.${key}`, value, expected: expected(), fallback });
    }
    return fallback;
  }

  private oneOf<T extends string>(key: string, fallback: T, allowed: readonly T[]): T {
    return this.read(
      key,
      fallback,
      (v): v is T => (allowed as readonly unknown[]).includes(v),
      () => vscode.l10n.t('one of {0}', allowed.join(', ')),
    );
  }

  private flag(key: string, fallback: boolean): boolean {
    return this.read(
      key,
      fallback,
      (v): v is boolean => typeof v === 'boolean',
      () => vscode.l10n.t('true or false'),
    );
  }

  private count(key: string, fallback: number): number {
    return this.read(
      key,
      fallback,
      (v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0,
      () => vscode.l10n.t('a number ≥ 0'),
    );
  }

  get labelSmoothing(): number {
    return this.read(
      'labelSmoothing',
      0.1,
      (v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1,
      () => vscode.l10n.t('a number from 0 up to, not including, 1'),
    );
  }

  get sigmoidSmoothing(): SigmoidSmoothing {
    return this.oneOf('sigmoidSmoothing', 'classes', SIGMOID_SMOOTHINGS);
  }

  get dialect(): Dialect {
    return this.oneOf('dialect', 'tf', DIALECTS);
  }

  get reduction(): Reduction {
    return this.oneOf('reduction', 'mean', REDUCTIONS);
  }

  /** Significant digits shown. */
  get precision(): number {
    return this.read(
      'precision',
      5,
      (v): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 17,
      () => vscode.l10n.t('a whole number from 1 to 17'),
    );
  }

  get float32(): boolean {
    return this.flag('float32', false);
  }

  get hoverEnabled(): boolean {
    return this.flag('hover.enabled', true);
  }

  get hoverMaxCharacters(): number {
    return this.count('hover.maxCharacters', 20000);
  }

  /** Selections longer than this many characters are analysed in a worker thread. */
  get backgroundThreshold(): number {
    return this.count('backgroundThreshold', 1_000_000);
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
    const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await this.raw.update(key, value, target);
  }
}
