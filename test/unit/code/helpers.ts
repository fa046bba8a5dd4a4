import assert from 'node:assert/strict';
import { CodeAnalysis, type CodeEdit, type CodeSite, type SiteResult } from '../../../src/code/analysis';
import { ParsedSource, type SourceLanguage } from '../../../src/code/source';

/** A fresh reading of `text`. */
export function analyse(text: string, language: SourceLanguage = 'python'): CodeAnalysis {
  return new CodeAnalysis(ParsedSource.parse(language, text));
}

/** The offset of the `occurrence`-th (from 0) appearance of `needle` in `text`. */
export function offsetOf(text: string, needle: string, occurrence = 0): number {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `${JSON.stringify(needle)} (occurrence ${occurrence}) is not in the text`);
  }
  return at;
}

/** The site a hover on `needle` (one character in) finds. */
export function siteOf(analysis: CodeAnalysis, needle: string, occurrence = 0): CodeSite {
  const site = analysis.siteAt(offsetOf(analysis.text, needle, occurrence) + 1);
  assert.ok(site, `no site at ${JSON.stringify(needle)}`);
  return site;
}

/** The result of the site at `needle`. */
export function resultOf(analysis: CodeAnalysis, needle: string, occurrence = 0): SiteResult {
  return analysis.result(siteOf(analysis, needle, occurrence));
}

/** The loss value of the site at `needle`, which must have resolved. */
export function lossOf(
  analysis: CodeAnalysis,
  needle: string,
  occurrence = 0,
): { data: number[]; shape: number[]; result: Extract<SiteResult, { status: 'loss' }> } {
  const result = resultOf(analysis, needle, occurrence);
  assert.equal(result.status, 'loss', describe(result));
  const loss = result;
  return { data: Array.from(loss.evaluation.report.value.data), shape: [...loss.evaluation.report.value.shape], result: loss };
}

/** The reason the site at `needle` is unresolved (asserting that it is). */
export function unresolvedReason(analysis: CodeAnalysis, needle: string, occurrence = 0): string {
  const result = resultOf(analysis, needle, occurrence);
  assert.equal(result.status, 'unresolved', describe(result));
  return result.reason;
}

export function describe(result: SiteResult): string {
  switch (result.status) {
    case 'loss':
      return `loss ${result.printed}`;
    case 'value':
      return `value ${result.printed}`;
    case 'unresolved':
      return `unresolved: ${result.reason}`;
    case 'error':
      return `error ${result.code}: ${result.message}`;
  }
}

/** `text` with `edits` applied (offsets of the original text; edits do not overlap). */
export function applyEdits(text: string, edits: readonly CodeEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.span.from - a.span.from)) out = out.slice(0, edit.span.from) + edit.text + out.slice(edit.span.to);
  return out;
}

/** Distance in float32 ulps between two numbers already rounded to float32. */
export function float32Ulps(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(8));
  const ordered = (x: number) => {
    view.setFloat32(0, x);
    const bits = view.getInt32(0);
    return bits < 0 ? -0x80000000 - bits : bits;
  };
  return Math.abs(ordered(Math.fround(a)) - ordered(Math.fround(b)));
}

export function assertUlps(actual: ArrayLike<number>, expected: ArrayLike<number>, ulps: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const d = float32Ulps(actual[i], expected[i]);
    assert.ok(d <= ulps, `${what}[${i}]: ${actual[i]} vs ${expected[i]} is ${d} float32 ulps apart (at most ${ulps})`);
  }
}

export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++)
    assert.ok(Math.abs(actual[i] - expected[i]) <= tolerance * Math.max(1, Math.abs(expected[i])), `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
}
