/**
 * The documented snippet corpus (test/fixtures/code/snippets/manifest.json), for the unit tests and
 * the real-VS-Code tests alike: both run three folders below the repository (test/unit/code,
 * out/test/integration), so one path serves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One documented snippet: where it comes from, the call to hover, and its documented output. */
export interface SnippetEntry {
  readonly file: string;
  readonly framework: string;
  readonly call: string;
  readonly target: string;
  readonly source: string;
  readonly documented: string;
  readonly expected: readonly (number | string)[] | null;
  readonly shape: readonly number[];
  readonly tolerance: number | null;
  readonly origin: string;
  readonly unresolved?: { readonly argument: string; readonly reason: string };
}

export const SNIPPET_DIRECTORY = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'code', 'snippets');

export const SNIPPETS = JSON.parse(readFileSync(join(SNIPPET_DIRECTORY, 'manifest.json'), 'utf8')) as SnippetEntry[];

/** An expected value as a number: JSON has no infinities or NaN, so the manifest writes them as strings. */
export function expectedNumber(value: number | string): number {
  if (typeof value === 'number') return value;
  if (value === 'inf') return Infinity;
  if (value === '-inf') return -Infinity;
  if (value === 'NaN' || value === 'nan') return NaN;
  throw new Error(`unknown expected value ${value}`);
}
