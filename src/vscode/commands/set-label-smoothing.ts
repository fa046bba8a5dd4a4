import * as vscode from 'vscode';
import type { LossLensContext } from '../context';
import type { Command } from './command-manager';

const PRESETS = [0, 0.05, 0.1, 0.2];

/** Picks ε from common values or a typed one, validated to [0, 1). */
export class SetLabelSmoothingCommand implements Command {
  readonly id = 'lossLens.setLabelSmoothing';

  constructor(private readonly context: LossLensContext) {}

  async execute(value?: unknown): Promise<void> {
    const smoothing = typeof value === 'number' ? value : await this.pick();
    if (smoothing === undefined) return;
    if (!(smoothing >= 0 && smoothing < 1)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Loss Lens: label smoothing must be in [0, 1), got {0}.', String(smoothing)));
      return;
    }
    await this.context.config.update('labelSmoothing', smoothing);
  }

  private async pick(): Promise<number | undefined> {
    const current = this.context.config.labelSmoothing;
    const custom = vscode.l10n.t('Other value…');
    const items: vscode.QuickPickItem[] = [
      ...PRESETS.map((ε) => ({
        label: String(ε),
        description:
          ε === 0 ? vscode.l10n.t("hard labels, the frameworks' default") : ε === 0.1 ? vscode.l10n.t('the source article, Inception v3') : undefined,
        picked: ε === current,
      })),
      { label: custom },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Loss Lens: Label Smoothing ε (now {0})', String(current)),
    });
    if (!picked) return undefined;
    if (picked.label !== custom) return Number(picked.label);
    const typed = await vscode.window.showInputBox({
      title: vscode.l10n.t('Loss Lens: Label Smoothing ε'),
      value: String(current),
      validateInput: (text) => {
        const ε = Number(text);
        return text.trim() !== '' && ε >= 0 && ε < 1 ? undefined : vscode.l10n.t('Enter a number in [0, 1), e.g. 0.1');
      },
    });
    return typed === undefined ? undefined : Number(typed);
  }
}
