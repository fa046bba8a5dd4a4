import * as vscode from 'vscode';
import { InputError } from '../errors';
import { literalAt, type ParsedLiteral } from '../literal';
import { describeLiteral, type LiteralDescription } from '../pairing/describe';
import { classificationMarkdown, escapeMarkdown, labelsMarkdown, logitsMarkdown, type MarkdownOptions } from '../render/markdown';
import type { LossLensContext } from './context';
import type { ResultRequest } from './result-request';

/** Commands a hover may link to; nothing else is enabled in its markdown. */
const HOVER_COMMANDS = ['lossLens.openCalculator', 'lossLens.insertResult', 'lossLens.copyResult'];

/**
 * Shows what a tensor literal means where the mouse is: softmax for logits, one-hot and
 * smoothed labels for labels, and the losses when the document holds a partner.
 */
export class LossLensHoverProvider implements vscode.HoverProvider {
  constructor(private readonly context: LossLensContext) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    const { config } = this.context;
    if (!config.hoverEnabled) return undefined;
    const text = document.getText();
    const found = literalAt(text, document.offsetAt(position));
    if (found === undefined || token.isCancellationRequested) return undefined;
    if (found instanceof InputError) return this.errorHover(document, found);

    const range = new vscode.Range(document.positionAt(found.start), document.positionAt(found.end));
    if (found.end - found.start > config.hoverMaxCharacters) {
      return new vscode.Hover(
        markdown(
          vscode.l10n.t(
            'Loss Lens: this literal has {0} characters, more than `lossLens.hover.maxCharacters` ({1}). Select it and run **Evaluate Selection**.',
            found.end - found.start,
            config.hoverMaxCharacters,
          ),
        ),
        range,
      );
    }
    const literals = this.context.literals.literals(document, text);
    if (token.isCancellationRequested) return undefined;
    try {
      const description = describeLiteral(found, literals, config.classificationOptions());
      const body = this.render(description, { digits: config.precision, maxRows: 8, maxColumns: 10 });
      const links = this.links(document, description);
      return new vscode.Hover(markdown(links ? `${body}\n\n${links}` : body), range);
    } catch (error) {
      if (error instanceof InputError) return this.errorHover(document, error, range);
      throw error;
    }
  }

  private render(description: LiteralDescription, options: MarkdownOptions): string {
    switch (description.kind) {
      case 'pair':
        return classificationMarkdown(description.report, { logits: description.logits.name, labels: description.labels.name }, options);
      case 'logits':
        return logitsMarkdown(description.summary, description.literal.name, options);
      case 'labels':
        return labelsMarkdown(description.summary, description.literal.name, options);
    }
  }

  private links(document: vscode.TextDocument, description: LiteralDescription): string | undefined {
    const source = (literal: ParsedLiteral) => document.getText(new vscode.Range(document.positionAt(literal.start), document.positionAt(literal.end)));
    if (description.kind !== 'pair') {
      const input = description.kind === 'logits' ? { logits: source(description.literal) } : { labels: source(description.literal) };
      return `[${vscode.l10n.t('Open in Calculator')}](${commandUri('lossLens.openCalculator', input)})`;
    }
    const last = Math.max(description.logits.end, description.labels.end);
    const request: ResultRequest = {
      logits: source(description.logits),
      labels: source(description.labels),
      target: { uri: document.uri.toString(), line: document.positionAt(last).line, version: document.version },
    };
    return [
      `[${vscode.l10n.t('Open in Calculator')}](${commandUri('lossLens.openCalculator', request)})`,
      `[${vscode.l10n.t('Insert as Comment')}](${commandUri('lossLens.insertResult', request)})`,
      `[${vscode.l10n.t('Copy')}](${commandUri('lossLens.copyResult', request)})`,
    ].join(' · ');
  }

  private errorHover(document: vscode.TextDocument, error: InputError, range?: vscode.Range): vscode.Hover {
    const where = error.location ? ` (${vscode.l10n.t('line {0}, column {1}', error.location.line, error.location.column)})` : '';
    const spot = error.location ? document.positionAt(error.location.offset) : undefined;
    return new vscode.Hover(markdown(`$(error) Loss Lens: ${escapeMarkdown(error.message)}${where}`), range ?? (spot && new vscode.Range(spot, spot)));
  }
}

function commandUri(command: string, argument: unknown): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([argument]))}`;
}

function markdown(value: string): vscode.MarkdownString {
  const result = new vscode.MarkdownString(value, true);
  result.isTrusted = { enabledCommands: HOVER_COMMANDS };
  return result;
}
