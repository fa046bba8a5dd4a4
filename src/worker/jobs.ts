/**
 * Work too big for the extension host's main thread: parsing and analysing selections of
 * megabytes. Pure functions, so they run the same in a worker thread and in unit tests; the
 * results are summaries (shapes, reductions, diagnostics), never per-element arrays, so
 * posting them back costs nothing.
 */
import { analyzeClassification } from '../engine';
import { readFileSync } from 'node:fs';
import { InputError } from '../errors';
import { locateInputError, scanLiterals, type ParsedLiteral } from '../literal';
import { orderPair } from '../pairing/pairing';
import type { ClassificationOptions } from '../report/model';
import { classificationJson } from '../render/json';
import { classificationText } from '../render/text';

export interface SelectionText {
  readonly text: string;
  /** Offset of `text` in its document, so errors and ranges map back. */
  readonly baseOffset: number;
}

/**
 * Where the selected text is. A saved file is read by the worker itself, so the extension
 * host never copies megabytes out of the document; unsaved text has to be sent.
 */
export type SelectionSource =
  | { readonly kind: 'text'; readonly selections: readonly SelectionText[] }
  | {
      readonly kind: 'file';
      readonly path: string;
      /** The document's length as the editor has it; a different file on disk means "send the text". */
      readonly documentLength: number;
      readonly ranges: readonly { readonly start: number; readonly end: number }[];
    };

export interface LargeSelectionJob {
  readonly source: SelectionSource;
  readonly options: Partial<ClassificationOptions>;
  readonly digits: number;
}

export type LargeSelectionResult =
  | {
      readonly ok: true;
      /** Readable summary lines (the CLI's `--summary` text). */
      readonly lines: string[];
      /** The CLI's `--summary --json` object. */
      readonly json: Record<string, unknown>;
      /** Document offsets of the logits and labels literals. */
      readonly logits: { readonly start: number; readonly end: number };
      readonly labels: { readonly start: number; readonly end: number };
    }
  | { readonly ok: false; readonly fileChanged: true }
  | {
      readonly ok: false;
      readonly fileChanged?: undefined;
      readonly message: string;
      readonly input?: string;
      /** Document offset of the problem, when known. */
      readonly offset?: number;
      /** A second place the message names: its document offset and the message around it (InputError.related). */
      readonly related?: { readonly offset: number; readonly before: string; readonly after: string };
    };

/** The selected texts; undefined when the file on disk is not what the editor shows. */
function readSelections(source: SelectionSource): readonly SelectionText[] | undefined {
  if (source.kind === 'text') return source.selections;
  const content = readFileSync(source.path, 'utf8').replace(/^\uFEFF/, '');
  if (content.length !== source.documentLength) return undefined;
  return source.ranges.map(({ start, end }) => ({ text: content.slice(start, end), baseOffset: start }));
}

export function runLargeSelection(job: LargeSelectionJob): LargeSelectionResult {
  const selections = readSelections(job.source);
  if (!selections) return { ok: false, fileChanged: true };
  const found: ParsedLiteral[] = [];
  for (const selection of selections) {
    const { literals, problems } = scanLiterals(selection.text);
    if (problems.length > 0) return failure(problems[0], selection.baseOffset);
    for (const literal of literals) {
      found.push({ ...literal, start: selection.baseOffset + literal.start, end: selection.baseOffset + literal.end });
    }
  }
  if (found.length !== 2) {
    return {
      ok: false,
      message: `Found ${found.length} tensor literal${found.length === 1 ? '' : 's'} in this large selection; select exactly two (logits and labels).`,
    };
  }
  const pair = orderPair(found[0], found[1]);
  try {
    const report = analyzeClassification(pair.logits.tensor, pair.labels.tensor, job.options);
    return {
      ok: true,
      lines: classificationText(report, { digits: job.digits, summary: true, maxRows: 0 }),
      json: classificationJson(report, { summary: true }),
      logits: { start: pair.logits.start, end: pair.logits.end },
      labels: { start: pair.labels.start, end: pair.labels.end },
    };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // Engine errors name the input (and maybe the element) but no character: find it in that literal.
    const source = error.input === 'labels' ? pair.labels : error.input === 'logits' ? pair.logits : undefined;
    if (!source) return failure(error);
    const located = locateInputError(error, literalText(selections, source));
    return { ...failure(located), offset: source.start + (located.location?.offset ?? 0) };
  }
}

function literalText(selections: readonly SelectionText[], literal: ParsedLiteral): string {
  const selection = selections.find((s) => s.baseOffset <= literal.start && literal.end <= s.baseOffset + s.text.length)!;
  return selection.text.slice(literal.start - selection.baseOffset, literal.end - selection.baseOffset);
}

function failure(error: InputError, baseOffset = 0): Extract<LargeSelectionResult, { message: string }> {
  return {
    ok: false,
    message: error.message,
    input: error.input,
    offset: error.location ? baseOffset + error.location.offset : undefined,
    ...(error.related ? { related: { offset: baseOffset + error.related.location.offset, before: error.related.before, after: error.related.after } } : {}),
  };
}
