import * as vscode from 'vscode';
import type { MarkdownLabels } from '../render/markdown';

/** The hover tables' words in VS Code's display language (ENGLISH_MARKDOWN_LABELS translated). */
export function markdownLabels(): MarkdownLabels {
  return {
    logits: vscode.l10n.t('logits'),
    labels: vscode.l10n.t('labels'),
    shape: vscode.l10n.t('shape'),
    classCount: vscode.l10n.t('K = {0} (max label + 1)'),
    softmaxArgmax: vscode.l10n.t('softmax (**bold** = argmax)'),
    softmaxArgmaxTrueClass: vscode.l10n.t('softmax (**bold** = argmax, ✓ = true class)'),
    argmax: vscode.l10n.t('argmax'),
    entropyNats: vscode.l10n.t('entropy (nats)'),
    oneHot: vscode.l10n.t('one-hot'),
    smoothed: vscode.l10n.t('smoothed, ε = {0}: y(1−ε) + ε/K'),
    softmaxCe: vscode.l10n.t('softmax CE'),
    softmaxCeSmoothed: vscode.l10n.t('softmax CE, ε = {0}'),
    sigmoidCe: vscode.l10n.t('sigmoid CE'),
    sigmoidCeSmoothed: vscode.l10n.t('sigmoid CE, ε = {0} ({1})'),
    mean: vscode.l10n.t('mean'),
    sum: vscode.l10n.t('sum'),
    labelKindIndices: vscode.l10n.t('indices'),
    labelKindOneHot: vscode.l10n.t('one-hot'),
    labelKindMultiHot: vscode.l10n.t('multi-hot'),
    labelKindProbabilities: vscode.l10n.t('probabilities'),
    labelKindBinary: vscode.l10n.t('binary'),
    callLoss: vscode.l10n.t('loss'),
    callWeighted: vscode.l10n.t('weighted'),
    callReduction: vscode.l10n.t('reduction {0}: {1} ÷ {2} = {3} (÷ {4})'),
    callDocumentation: vscode.l10n.t('documentation'),
    callFloat64: vscode.l10n.t('float64'),
  };
}
