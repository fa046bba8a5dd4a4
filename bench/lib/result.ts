import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..');

/** What a benchmark group hands the runner (as JSON from its own process) to put in RESULTS.md. */
export interface Table {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface TargetCheck {
  readonly description: string;
  readonly measured: string;
  readonly target: string;
  /** null when it could not be measured in this run (the note says why). */
  readonly met: boolean | null;
  /** For a miss (or a target not measured): the profiled cause and the proposed fix. Not shown when met. */
  readonly note?: string;
}

export interface GroupResult {
  readonly title: string;
  readonly tables: readonly Table[];
  readonly targets: readonly TargetCheck[];
  /** Methodology and caveats, one paragraph each. */
  readonly notes: readonly string[];
  /** Package or tool versions this group measured, name → version. */
  readonly versions: Readonly<Record<string, string>>;
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  if (value >= 1) return `${value.toFixed(2)} ms`;
  return `${(value * 1000).toFixed(1)} µs`;
}

export function ratio(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value >= 10 ? `${value.toFixed(0)}×` : `${value.toFixed(2)}×`;
}

/** A ratio next to its limit, with a third decimal when two would hide which side it is on. */
export function ratioAgainst(value: number, limit: number): string {
  return Number.isFinite(value) && value < 10 && ratio(value) === ratio(limit) ? `${value.toFixed(3)}×` : ratio(value);
}

/** Decimal units: 1 kB = 1000 B, 1 MB = 10⁶ B (as the targets are stated). */
export function bytes(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)} MB`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)} kB`;
  return `${value} B`;
}

/** Millions of elements per second. */
export function throughput(elements: number, milliseconds: number): string {
  return `${(elements / milliseconds / 1000).toFixed(1)} M/s`;
}

/** The version in the repo's node_modules: the copy the benchmark loads. */
export function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}
