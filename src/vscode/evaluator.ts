/**
 * Runs the engine for the editor surfaces and ties any input error back to the document
 * text it came from.
 */
import * as vscode from 'vscode';
import { analyzeClassification } from '../engine';
import { InputError } from '../errors';
import { locateInputError, parseLiteral } from '../literal';
import type { ClassificationOptions, ClassificationReport } from '../report/model';
import { LocatedInputError, locateIn } from './input-errors';
import type { SelectedInputs, SourcedLiteral } from './selection-inputs';

export function analyzeSelected(inputs: SelectedInputs, options: Partial<ClassificationOptions>): ClassificationReport {
  return analyzePair(inputs.logits, inputs.labels, options, inputs.document);
}

export function analyzePair(
  logits: SourcedLiteral,
  labels: SourcedLiteral,
  options: Partial<ClassificationOptions>,
  document?: vscode.TextDocument,
): ClassificationReport {
  try {
    return analyzeClassification(logits.literal.tensor, labels.literal.tensor, options);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const source = error.input === 'logits' ? logits : error.input === 'labels' ? labels : undefined;
    const origin = document && source?.range ? { document, baseOffset: document.offsetAt(source.range.start) } : undefined;
    // The engine names the input (and the element); the location is in that literal's text.
    throw new LocatedInputError(source ? locateInputError(error, source.text) : error, origin);
  }
}

/** Parses a literal typed or passed as text (calculator, command links, input boxes). */
export function parseText(text: string, input: 'logits' | 'labels'): SourcedLiteral {
  const literal = locateIn(undefined, () => {
    try {
      return parseLiteral(text);
    } catch (error) {
      if (error instanceof InputError && !error.input) throw new InputError(error.message, error.location, input, error.element, error.argument, error.related);
      throw error;
    }
  });
  return { literal, text };
}
