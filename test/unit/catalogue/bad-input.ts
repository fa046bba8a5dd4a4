/**
 * The bad-input catalogue: one table of what users and files throw at Loss Lens, each with
 * what every surface must answer. The same cases run through the parser and engine
 * (catalogue.test.ts), the calculator host (catalogue.test.ts), the CLI bundle
 * (test/unit/cli/catalogue.test.ts) and, inside a real VS Code, the hover and the commands
 * (test/integration/bad-input.test.ts).
 *
 * Locations are 1-based line and column in the text of the input at fault (the CLI argument,
 * the calculator field); document surfaces shift them to where that text sits in the document.
 */
import type { InputName } from '../../../src/errors';

export const LOGITS = '[[0.7, 1.2, 0.3], [0.4, 0.2, 0.9]]';
export const LABELS = '[1, 2]';

/** Where the error must point and what it must say. */
export interface LocatedError {
  readonly input: InputName;
  readonly message: RegExp;
  readonly line: number;
  readonly column: number;
}

/** Computed through, with these diagnostics (code, input, element index) among the report's. */
export interface ExpectedDiagnostic {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly input?: string;
  readonly index?: readonly number[];
}

export type Outcome =
  | { readonly error: LocatedError }
  | { readonly diagnostics: readonly ExpectedDiagnostic[] }
  /** Accepted: the same report as these plain ASCII inputs. */
  | { readonly sameAs: { readonly logits: string; readonly labels: string } };

/**
 * What hovering the input at fault in a document shows:
 * - 'error': `$(error) Loss Lens: <message> (line, column)` at the document position;
 * - 'unpaired': nothing wrong is shown because hovers pair only literals that fit (a label out
 *   of range or a batch that differs is not a partner), so each literal is described alone;
 * - 'none': no Loss Lens hover (the group is ordinary code: `[]`, `[1, foo]`);
 * - 'tooLarge': the literal is beyond `lossLens.hover.maxCharacters`, and the hover says so.
 */
export type HoverOutcome = 'error' | 'unpaired' | 'none' | 'tooLarge';

export interface BadInputCase {
  readonly name: string;
  readonly logits?: string;
  readonly labels?: string;
  /** Distributions instead of a classification pair. */
  readonly p?: string;
  readonly q?: string;
  readonly options?: { readonly smoothing?: string; readonly classWeights?: string };
  readonly outcome: Outcome;
  /**
   * Document surfaces (hover, commands) apply to classification pairs without options the
   * editor has no field for. 'hover' defaults to 'error' for errors and to showing the result otherwise.
   */
  readonly document?: { readonly hover: HoverOutcome } | false;
  /**
   * In a document a message may differ from the CLI's (the hover describes a lone literal,
   * where K is max + 1); this replaces `error.message` there. A place a message names
   * ("at line 1, column 2") is in document terms there.
   */
  readonly documentMessage?: RegExp;
}

const DEEP = 20_000;
/** One number token of 10 MB. */
export const HUGE_NUMBER = `[${'1'.repeat(10_000_000)}]`;

export const CATALOGUE: readonly BadInputCase[] = [
  {
    name: 'ragged rows',
    logits: '[[0.7, 1.2, 0.3],\n [0.4, 0.2]]',
    outcome: { error: { input: 'logits', message: /^row 2 has 2 elements, expected 3$/, line: 2, column: 2 } },
  },
  {
    name: 'ragged rows with CRLF line endings',
    logits: '[[0.7, 1.2, 0.3],\r\n [0.4, 0.2, 0.9],\r\n [0.6]]',
    outcome: { error: { input: 'logits', message: /^row 3 has 1 element, expected 3$/, line: 3, column: 2 } },
  },
  {
    name: 'unclosed bracket',
    logits: '[[0.7, 1.2, 0.3],\n [0.4, 0.2, 0.9]',
    outcome: { error: { input: 'logits', message: /^'\[' is never closed$/, line: 1, column: 1 } },
  },
  {
    name: 'mismatched brackets',
    logits: '[[0.7, 1.2, 0.3),\n [0.4, 0.2, 0.9]]',
    outcome: { error: { input: 'logits', message: /^'\)' does not match the '\[' at line 1, column 2$/, line: 1, column: 16 } },
  },
  {
    name: 'stray comma',
    logits: '[[0.7, 1.2, 0.3],, [0.4, 0.2, 0.9]]',
    outcome: { error: { input: 'logits', message: /^unexpected ','$/, line: 1, column: 18 } },
  },
  {
    name: 'missing comma',
    logits: '[[0.7 1.2, 0.3], [0.4, 0.2, 0.9]]',
    outcome: { error: { input: 'logits', message: /^expected ',' or '\]', found '1'$/, line: 1, column: 7 } },
  },
  {
    name: 'stray token in an element',
    labels: '[1, foo]',
    outcome: { error: { input: 'labels', message: /^expected a number, found 'foo'$/, line: 1, column: 5 } },
    document: { hover: 'none' },
  },
  {
    name: 'stray text after the literal',
    labels: '[1, 2] extra',
    outcome: { error: { input: 'labels', message: /^unexpected text after the literal: 'extra'$/, line: 1, column: 8 } },
    // In a document or a selection, text after a literal is just more code.
    document: false,
  },
  {
    name: 'empty tensor',
    logits: '[]',
    outcome: { error: { input: 'logits', message: /^empty tensor: \[\] holds no numbers$/, line: 1, column: 1 } },
    document: { hover: 'none' },
  },
  {
    name: 'empty tensor from a shape',
    logits: 'tf.constant(0.5, shape=[0, 3])',
    outcome: { error: { input: 'logits', message: /^logits of shape \[0, 3\] hold no values$/, line: 1, column: 1 } },
    document: { hover: 'unpaired' },
  },
  {
    name: 'label out of range',
    labels: '[1,\n 3]',
    outcome: {
      error: {
        input: 'labels',
        message: /^labels\[1\] = 3 is out of range: class indices run from 0 to 2 \(K = 3 from the logits' class axis\)$/,
        line: 2,
        column: 2,
      },
    },
    document: { hover: 'unpaired' },
  },
  {
    name: 'negative label',
    labels: '[-1, 2]',
    outcome: { error: { input: 'labels', message: /^labels\[0\] = -1 is negative; class indices run from 0 to 2 \(K = 3/, line: 1, column: 2 } },
  },
  {
    name: 'fractional label',
    labels: '[1, 0.5]',
    outcome: { error: { input: 'labels', message: /^labels\[1\] = 0\.5 is not an integer; class indices run from 0 to 2/, line: 1, column: 5 } },
    // Alone, K is max + 1 = 2 there.
    documentMessage: /^labels\[1\] = 0\.5 is not an integer; class indices run from 0 to 1/,
  },
  {
    name: 'NaN label where an index is expected',
    labels: '[nan, 1]',
    outcome: { error: { input: 'labels', message: /^labels\[0\] = NaN is not a class index: class indices run from 0 to 2/, line: 1, column: 2 } },
    documentMessage: /^labels\[0\] = NaN is not a class index: class indices run from 0 to 1/,
  },
  {
    name: 'huge label',
    labels: '[1, 3e9]',
    outcome: { error: { input: 'labels', message: /^labels\[1\] = 3000000000 is out of range/, line: 1, column: 5 } },
    // Alone, K = max + 1 would be three billion classes.
    documentMessage: /^labels\[1\] = 3000000000 would make K = 3000000001 classes, too many for one-hot rows/,
  },
  {
    name: 'batch-size mismatch',
    labels: '[1, 2, 0]',
    outcome: {
      error: { input: 'labels', message: /^labels shape \[3\] does not fit logits shape \[2, 3\]: the batch sizes differ \(3 vs 2\)/, line: 1, column: 1 },
    },
    document: { hover: 'unpaired' },
  },
  {
    name: 'class weights of the wrong length',
    options: { classWeights: '[1, 2]' },
    outcome: { error: { input: 'weights', message: /^2 class weights given for K = 3 classes; give exactly one weight per class$/, line: 1, column: 1 } },
    document: false,
  },
  {
    name: 'negative class weight',
    options: { classWeights: '[1, -2, 1]' },
    outcome: { error: { input: 'weights', message: /^class weight 1 must be a finite number ≥ 0; got -2$/, line: 1, column: 5 } },
    document: false,
  },
  {
    name: 'ε equal to 1',
    options: { smoothing: '1' },
    // The CLI's flag has no text position (line/column null); the calculator marks its field at 1:1.
    outcome: { error: { input: 'smoothing', message: /ε must be (in \[0, 1\)|at least 0 and below 1)/, line: 1, column: 1 } },
    document: false,
  },
  {
    name: 'negative ε',
    options: { smoothing: '-0.1' },
    outcome: { error: { input: 'smoothing', message: /ε must be (in \[0, 1\)|at least 0 and below 1)/, line: 1, column: 1 } },
    document: false,
  },
  {
    name: 'distribution that does not sum to 1',
    p: '[0.5, 0.6]',
    q: '[0.5, 0.5]',
    outcome: { error: { input: 'p', message: /^p sums to 1\.1, not 1 \(within 1e-6\)/, line: 1, column: 1 } },
    document: false,
  },
  {
    name: 'negative probability',
    p: '[0.5, 0.5]',
    q: '[1.5,\n -0.5]',
    outcome: { error: { input: 'q', message: /^q\[1\] = -0\.5: probabilities must be finite and ≥ 0$/, line: 2, column: 2 } },
    document: false,
  },
  {
    name: 'NaN logit: computed through, with diagnostics',
    logits: '[[0.7, nan, 0.3], [0.4, 0.2, 0.9]]',
    outcome: {
      diagnostics: [
        { code: 'non-finite-input', severity: 'error', input: 'logits', index: [0, 1] },
        { code: 'non-finite-result', severity: 'error', index: [0] },
      ],
    },
  },
  {
    name: 'infinite logit: defined, with a warning',
    logits: '[[0.7, inf, 0.3], [0.4, 0.2, 0.9]]',
    outcome: { diagnostics: [{ code: 'infinite-logit', severity: 'warning', input: 'logits', index: [0, 1] }] },
  },
  {
    name: 'infinite target: computed through, with diagnostics',
    labels: '[[0, inf, 0], [0, 0, 1]]',
    outcome: {
      diagnostics: [
        { code: 'non-finite-input', severity: 'error', input: 'labels', index: [0, 1] },
        { code: 'non-finite-result', severity: 'error', index: [0] },
      ],
    },
  },
  {
    name: 'nesting 20 000 deep',
    logits: `${'['.repeat(DEEP)}0.5${']'.repeat(DEEP)}`,
    outcome: { error: { input: 'logits', message: /^brackets nested deeper than 32 levels$/, line: 1, column: 33 } },
    // 40 000 characters: beyond lossLens.hover.maxCharacters, so the hover sends you to the command.
    document: { hover: 'tooLarge' },
  },
  {
    name: 'a 10 MB number token',
    logits: HUGE_NUMBER,
    outcome: { error: { input: 'logits', message: /^number is 10000000 characters long; the limit is 1000$/, line: 1, column: 2 } },
    document: { hover: 'tooLarge' },
  },
  {
    name: 'unicode minus signs and full-width digits are read as ASCII',
    logits: '[[0.7, −1.2, 0.3], [０.４, 0.2, ０.９]]',
    labels: '［１，２］',
    outcome: { sameAs: { logits: '[[0.7, -1.2, 0.3], [0.4, 0.2, 0.9]]', labels: '[1, 2]' } },
  },
];

/** The case's inputs with the defaults filled in. */
export function inputsOf(testCase: BadInputCase): { logits: string; labels: string } | { p: string; q: string } {
  if (testCase.p !== undefined && testCase.q !== undefined) return { p: testCase.p, q: testCase.q };
  return { logits: testCase.logits ?? LOGITS, labels: testCase.labels ?? LABELS };
}

/** The text of the input an error is about. */
export function textOf(testCase: BadInputCase, input: InputName): string {
  const inputs = inputsOf(testCase) as Record<string, string>;
  if (input === 'weights') return testCase.options?.classWeights ?? '';
  if (input === 'smoothing') return testCase.options?.smoothing ?? '';
  return inputs[input];
}
