import * as vscode from 'vscode';
import { INPUT_KINDS, type InputKind } from '../../report/model';
import type { LossLensContext } from '../context';
import type { Command } from './command-manager';

function inputName(kind: InputKind): string {
  switch (kind) {
    case 'logits':
      return vscode.l10n.t('Logits (raw scores)');
    case 'probabilities':
      return vscode.l10n.t('Probabilities');
    case 'log-probabilities':
      return vscode.l10n.t('Log-probabilities');
  }
}

function inputDescription(kind: InputKind): string {
  switch (kind) {
    case 'logits':
      return vscode.l10n.t('softmax and sigmoid applied: from_logits=True, CrossEntropyLoss, BCEWithLogitsLoss');
    case 'probabilities':
      return vscode.l10n.t('from_logits=False (clipped), NLLLoss of log p, BCELoss, log_loss');
    case 'log-probabilities':
      return vscode.l10n.t('NLLLoss, kl_div input');
  }
}

/**
 * Says what the numbers in a logits literal are (setting `lossLens.input`). Loss Lens never
 * switches by itself; the hover offers this command when logits look like probabilities.
 */
export class SetInputCommand implements Command {
  readonly id = 'lossLens.setInput';

  constructor(private readonly context: LossLensContext) {}

  async execute(value?: unknown): Promise<void> {
    let kind: InputKind | undefined;
    if ((INPUT_KINDS as readonly unknown[]).includes(value)) {
      kind = value as InputKind;
    } else {
      const current = this.context.config.input;
      const picked = await vscode.window.showQuickPick(
        INPUT_KINDS.map((k) => ({ label: inputName(k), description: inputDescription(k), input: k, picked: k === current })),
        { title: vscode.l10n.t('Loss Lens: Logits Are (now {0})', inputName(current)) },
      );
      kind = picked?.input;
    }
    if (kind) await this.context.config.update('input', kind);
  }
}
