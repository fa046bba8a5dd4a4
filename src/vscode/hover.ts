import * as vscode from 'vscode';
import { commandUri } from './command-uri';
import { InputError } from '../errors';
import { findLiterals, literalAt, locateInputError, type ParsedLiteral } from '../literal';
import { describeLiteral, type LiteralDescription } from '../pairing/describe';
import { findPartner } from '../pairing/pairing';
import { classificationMarkdown, escapeMarkdown, labelsMarkdown, logitsMarkdown, type MarkdownOptions } from '../render/markdown';
import type { LossLensContext } from './context';
import { documentLength, MAX_SCANNED_LENGTH } from './literal-index';
import { codeHover, CODE_COMMANDS } from './code/code-surfaces';
import { liveCallResult } from './debug/live-call';
import { markdownLabels } from './markdown-labels';
import type { LiteralReference } from './result-request';

/** Commands a hover may link to; nothing else is enabled in its markdown. */
const HOVER_COMMANDS = ['lossLens.openCalculator', 'lossLens.insertResult', 'lossLens.copyResult', 'lossLens.setInput', ...CODE_COMMANDS];

/**
 * Shows what a tensor literal means where the mouse is: softmax for logits, one-hot and
 * smoothed labels for labels, and the losses when the document holds a partner.
 */
export class LossLensHoverProvider implements vscode.HoverProvider {
  constructor(private readonly context: LossLensContext) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const { config } = this.context;
    if (!config.hoverEnabled) return undefined;
    const offset = document.offsetAt(position);
    // A loss call read from the code: the call's own arguments and defaults decide, not the settings.
    const call = await codeHover(this.context.code, config, document, offset, HOVER_COMMANDS, (analysis, site) =>
      liveCallResult(config, this.context.debugSessions, document, analysis, site, token),
    );
    // A literal inside a loss call's arguments gets the call's hover above (the code wins), never the settings-based one.
    if (call || token.isCancellationRequested) return call;
    const window = textAround(document, offset, config.hoverMaxCharacters);
    const found = literalAt(window.text, window.offset);
    if (found === undefined || token.isCancellationRequested) return undefined;
    if (found instanceof InputError) {
      // In a window cut out of a big document, a literal running past its edge looks unclosed.
      return window.truncated ? this.tooLargeHover(config.hoverMaxCharacters) : this.errorHover(document, found);
    }
    if (window.truncated && isElementOfLargerGroup(window.text, found.start)) {
      // A row of a matrix that reaches past the window: the matrix is what the user means.
      return this.tooLargeHover(config.hoverMaxCharacters);
    }
    const literal = { ...found, start: window.start + found.start, end: window.start + found.end };
    const range = new vscode.Range(document.positionAt(literal.start), document.positionAt(literal.end));
    if (literal.end - literal.start > config.hoverMaxCharacters) return this.tooLargeHover(literal.end - literal.start, range);

    const literals =
      window.documentLength > MAX_SCANNED_LENGTH
        ? findLiterals(window.text).map((l) => ({ ...l, start: window.start + l.start, end: window.start + l.end }))
        : this.context.literals.literals(document);
    if (token.isCancellationRequested) return undefined;
    try {
      const description = describeLiteral(literal, literals, config.classificationOptions());
      const body = this.render(description, { digits: config.precision, maxRows: 8, maxColumns: 10, labels: markdownLabels() });
      const links = [this.links(document, description), switchInputLink(description)].filter(Boolean).join('\n\n');
      return new vscode.Hover(markdown(links ? `${body}\n\n${links}` : body), range);
    } catch (error) {
      if (error instanceof InputError) return this.errorHover(document, locateInDocument(document, error, literal, literals), range);
      throw error;
    }
  }

  private tooLargeHover(characters: number, range?: vscode.Range): vscode.Hover {
    const limit = this.context.config.hoverMaxCharacters;
    const message =
      characters > limit
        ? vscode.l10n.t(
            'Loss Lens: this literal has {0} characters, more than `lossLens.hover.maxCharacters` ({1}). Select it and run **Evaluate Selection**.',
            characters,
            limit,
          )
        : vscode.l10n.t(
            'Loss Lens: no complete literal within `lossLens.hover.maxCharacters` ({0}) of the cursor. Select it and run **Evaluate Selection**.',
            limit,
          );
    return new vscode.Hover(markdown(message), range);
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

  /** Links carry where the literals are, not their text: a link of a megabyte slows every hover (see LiteralReference). */
  private links(document: vscode.TextDocument, description: LiteralDescription): string | undefined {
    const range = (literal: ParsedLiteral): [number, number] => [literal.start, literal.end];
    const source = { uri: document.uri.toString(), version: document.version };
    if (description.kind !== 'pair') {
      const reference: LiteralReference = { source, [description.kind]: range(description.literal) };
      return `[${vscode.l10n.t('Open in Calculator')}](${commandUri('lossLens.openCalculator', reference)})`;
    }
    const reference: LiteralReference = { source, logits: range(description.logits), labels: range(description.labels) };
    return [
      `[${vscode.l10n.t('Open in Calculator')}](${commandUri('lossLens.openCalculator', reference)})`,
      `[${vscode.l10n.t('Insert as Comment')}](${commandUri('lossLens.insertResult', reference)})`,
      `[${vscode.l10n.t('Copy')}](${commandUri('lossLens.copyResult', reference)})`,
    ].join(' · ');
  }

  private errorHover(document: vscode.TextDocument, error: InputError, range?: vscode.Range): vscode.Hover {
    const where = error.location ? ` (${vscode.l10n.t('line {0}, column {1}', error.location.line, error.location.column)})` : '';
    const spot = error.location ? document.positionAt(error.location.offset) : undefined;
    return new vscode.Hover(markdown(`$(error) Loss Lens: ${escapeMarkdown(error.message)}${where}`), range ?? (spot && new vscode.Range(spot, spot)));
  }
}

/**
 * An engine error (no location; it names the input and maybe the element) placed in the
 * document: in the hovered literal or the partner it was paired with.
 */
function locateInDocument(document: vscode.TextDocument, error: InputError, hovered: ParsedLiteral, literals: readonly ParsedLiteral[]): InputError {
  if (error.location || (error.input !== 'logits' && error.input !== 'labels')) return error;
  const pair = findPartner(hovered, literals);
  const source = pair ? pair[error.input] : hovered;
  const text = document.getText(new vscode.Range(document.positionAt(source.start), document.positionAt(source.end)));
  const located = locateInputError(error, text);
  if (!located.location) return error;
  const offset = source.start + located.location.offset;
  const at = document.positionAt(offset);
  return new InputError(error.message, { line: at.line + 1, column: at.character + 1, offset }, error.input, error.element, error.argument, error.related);
}

/** When logits look like probabilities, the switch to reading them so (never made without asking). */
function switchInputLink(description: LiteralDescription): string | undefined {
  const diagnostics = description.kind === 'pair' ? description.report.diagnostics : description.kind === 'logits' ? description.summary.diagnostics : [];
  if (!diagnostics.some((d) => d.code === 'probabilities-as-logits')) return undefined;
  return `$(lightbulb) [${vscode.l10n.t('Read these logits as probabilities')}](${commandUri('lossLens.setInput', 'probabilities')})`;
}

function markdown(value: string): vscode.MarkdownString {
  const result = new vscode.MarkdownString(value, true);
  result.isTrusted = { enabledCommands: HOVER_COMMANDS };
  return result;
}

/** Room around the hover limit so a literal of exactly the limit is still found whole. */
const WINDOW_MARGIN = 4096;

/**
 * The text a hover looks at: the whole document when it is small, else a window around the
 * cursor, so hovering in a 50 MB file costs no more than in a small one.
 */
function textAround(document: vscode.TextDocument, offset: number, maxCharacters: number) {
  const length = documentLength(document);
  const reach = maxCharacters + WINDOW_MARGIN;
  // Through positionAt and back: an offset between the \r and \n of a CRLF is moved onto the \r,
  // as getText does, so `start` is where the window's text really begins.
  const start = document.offsetAt(document.positionAt(Math.max(0, offset - reach)));
  const end = document.offsetAt(document.positionAt(Math.min(length, offset + reach)));
  const truncated = start > 0 || end < length;
  const text = truncated ? document.getText(new vscode.Range(document.positionAt(start), document.positionAt(end))) : document.getText();
  return { text, start, offset: offset - start, truncated, documentLength: length };
}

/** Whether the literal at `start` is preceded by `[`, `(` or `,`: a row of something bigger. */
function isElementOfLargerGroup(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    return c === '[' || c === '(' || c === ',';
  }
  return false;
}
