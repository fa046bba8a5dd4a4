import * as vscode from 'vscode';
import type { ParameterType } from '../engine/calls/types';
import { isValidOption, optionSpec } from '../engine/option-schema';
import type { ClassificationOptions, Dialect, InputKind, Reduction, SigmoidSmoothing } from '../report/model';
import { parseUserTemplate, type ExpressionTemplate } from '../debug/templates';

export const SECTION = 'lossLens';

/** What a setting of this type must be, for the warning about an invalid value. */
function expectedText(type: ParameterType): string {
  switch (type.kind) {
    case 'choice':
      return vscode.l10n.t('one of {0}', type.values.join(', '));
    case 'boolean':
      return vscode.l10n.t('true or false');
    case 'number':
      return type.maxExclusive
        ? vscode.l10n.t('a number from {0} up to, not including, {1}', type.min ?? '−∞', type.max ?? '∞')
        : vscode.l10n.t('a number from {0} to {1}', type.min ?? '−∞', type.max ?? '∞');
    default:
      return vscode.l10n.t('a whole number from {0} to {1}', 'min' in type ? (type.min ?? '−∞') : '−∞', 'max' in type ? (type.max ?? '∞') : '∞');
  }
}

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

  /** An engine option's setting, checked by the option schema (src/engine/option-schema.ts), its default from there too. */
  private option<T>(name: keyof ClassificationOptions): T {
    const spec = optionSpec(name);
    if (!spec.setting) throw new Error(`option ${name} has no setting`);
    const { key, default: fallback } = spec.setting;
    return this.read(
      key,
      fallback as T,
      (v): v is T => isValidOption(name, v),
      () => expectedText(spec.type),
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
    return this.option('smoothing');
  }

  get sigmoidSmoothing(): SigmoidSmoothing {
    return this.option('sigmoidSmoothing');
  }

  get dialect(): Dialect {
    return this.option('dialect');
  }

  get reduction(): Reduction {
    return this.option('reduction');
  }

  /** What the numbers passed as logits are. */
  get input(): InputKind {
    return this.option('input');
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
    return this.option('float32');
  }

  get hoverEnabled(): boolean {
    return this.flag('hover.enabled', true);
  }

  /** Values of resolved loss calls shown after them in the editor. */
  get inlayHints(): boolean {
    return this.flag('inlayHints', true);
  }

  /** Problems of the loss calls read from code, in the Problems panel. */
  get codeDiagnostics(): boolean {
    return this.flag('codeDiagnostics', true);
  }

  get hoverMaxCharacters(): number {
    return this.count('hover.maxCharacters', 20000);
  }

  /** Selections longer than this many characters are analysed in a worker thread. */
  get backgroundThreshold(): number {
    return this.count('backgroundThreshold', 1_000_000);
  }

  /** Most elements one debug expression may return (checked in the debuggee and on decode). */
  get debugMaxElements(): number {
    return this.read(
      'debug.maxElements',
      1_000_000,
      (v): v is number => Number.isSafeInteger(v) && (v as number) >= 1,
      () => vscode.l10n.t('a whole number from {0} to {1}', 1, '∞'),
    );
  }

  /** The user's expression templates per debug type; each invalid entry is reported and left out. */
  get debugExpressionTemplates(): Readonly<Record<string, ExpressionTemplate>> {
    const raw = this.read(
      'debug.expressionTemplates',
      {},
      (v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v),
      () => vscode.l10n.t('an object from debug type to template'),
    );
    const templates: Record<string, ExpressionTemplate> = {};
    for (const [type, value] of Object.entries(raw)) {
      const template = parseUserTemplate(value);
      if (template) {
        templates[type] = template;
        continue;
      }
      const id = `debug.expressionTemplates.${type}\u0000${JSON.stringify(value) ?? String(value)}`;
      if (!reported.has(id)) {
        reported.add(id);
        reportInvalid({
          key: `${SECTION}.debug.expressionTemplates`,
          value: { [type]: value },
          expected: vscode.l10n.t('a template containing ${expression}, or {0}', '{ "expression": …, "context": … }'),
          fallback: {},
        });
      }
    }
    return templates;
  }

  classificationOptions(): ClassificationOptions {
    return {
      smoothing: this.labelSmoothing,
      sigmoidSmoothing: this.sigmoidSmoothing,
      dialect: this.dialect,
      reduction: this.reduction,
      input: this.input,
      classAxis: 'last',
      float32: this.float32,
    };
  }

  /** Writes where the setting is defined now, so a workspace value is not shadowing the change. */
  async update(key: 'labelSmoothing' | 'dialect' | 'input', value: unknown): Promise<void> {
    const inspected = this.raw.inspect(key);
    const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await this.raw.update(key, value, target);
  }
}
