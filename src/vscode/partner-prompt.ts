import * as vscode from 'vscode';
import { InputError } from '../errors';
import { parseLiteral } from '../literal';
import { labelsFitLogits, roleOf } from '../pairing/pairing';
import type { SourcedLiteral } from './selection-inputs';

/**
 * Asks for the literal that completes a pair, validating as the user types: the message says
 * what is wrong and where, or that the shapes do not fit.
 */
export async function askForPartner(known: SourcedLiteral): Promise<SourcedLiteral | undefined> {
  const knownIsLabels = roleOf(known.literal) === 'labels';
  const shape = `[${known.literal.tensor.shape.join(', ')}]`;
  const fits = (other: SourcedLiteral['literal']) =>
    knownIsLabels ? labelsFitLogits(other.tensor, known.literal.tensor) : labelsFitLogits(known.literal.tensor, other.tensor);
  const validate = (text: string): string | undefined => {
    if (text.trim() === '') return undefined;
    try {
      const literal = parseLiteral(text);
      if (!fits(literal)) {
        return knownIsLabels
          ? vscode.l10n.t('Logits of shape {0} do not fit labels of shape {1}.', `[${literal.tensor.shape.join(', ')}]`, shape)
          : vscode.l10n.t('Labels of shape {0} do not fit logits of shape {1}.', `[${literal.tensor.shape.join(', ')}]`, shape);
      }
      return undefined;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const where = error.location ? vscode.l10n.t('column {0}: ', error.location.column) : '';
      return `${where}${error.message}`;
    }
  };
  const text = await vscode.window.showInputBox({
    title: 'Loss Lens',
    prompt: knownIsLabels
      ? vscode.l10n.t('Logits for labels of shape {0}, e.g. [[0.7, 1.2, 0.3]]', shape)
      : vscode.l10n.t('Labels for logits of shape {0}: class indices like [1, 2, 0] or one-hot rows', shape),
    placeHolder: knownIsLabels ? '[[0.7, 1.2, 0.3], [0.4, 0.2, 0.9]]' : '[1, 2, 0]',
    ignoreFocusOut: true,
    validateInput: validate,
  });
  if (text === undefined || text.trim() === '' || validate(text) !== undefined) return undefined;
  return { literal: parseLiteral(text), text };
}
