/**
 * Diagnostics: what looks wrong with the input or a result, never a silent NaN. Repeated
 * findings (the same code for the same input, in many rows) collapse into one diagnostic that
 * names the first element and counts the rest, so a 1024-row batch does not produce 1024 messages.
 */
import type { Diagnostic, DiagnosticSeverity } from '../report/model';

type DiagnosticInput = NonNullable<Diagnostic['input']>;

interface Finding {
  readonly code: string;
  readonly severity: DiagnosticSeverity;
  readonly input: DiagnosticInput | undefined;
  readonly index: readonly number[] | undefined;
  readonly cell: readonly number[] | undefined;
  readonly message: (count: number) => string;
  count: number;
}

const SEVERITY_ORDER: Record<DiagnosticSeverity, number> = { error: 0, warning: 1, info: 2 };

export class Diagnostics {
  private readonly findings = new Map<string, Finding>();

  /**
   * Records a finding under `code` for `input`. Only the first occurrence keeps its index and
   * message; later ones only count, and `message` receives the total. `index` is in the user's
   * layout, `cell` in the [samples, K] view (see `Diagnostic`).
   */
  note(
    code: string,
    severity: DiagnosticSeverity,
    message: (count: number) => string,
    input?: DiagnosticInput,
    index?: readonly number[],
    cell?: readonly number[],
  ): void {
    const key = `${code} ${input ?? ''}`;
    const existing = this.findings.get(key);
    if (existing) {
      existing.count++;
      return;
    }
    this.findings.set(key, { code, severity, input, index, cell, message, count: 1 });
  }

  /** Whether a finding with one of these codes was noted (for any input). */
  has(...codes: string[]): boolean {
    for (const finding of this.findings.values()) if (codes.includes(finding.code)) return true;
    return false;
  }

  list(): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const finding of this.findings.values()) {
      out.push({
        severity: finding.severity,
        code: finding.code,
        message: finding.message(finding.count),
        ...(finding.input ? { input: finding.input } : {}),
        ...(finding.index ? { index: finding.index } : {}),
        ...(finding.cell ? { cell: finding.cell } : {}),
      });
    }
    return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  }
}

/** " (and 3 more rows)" or "" for a single occurrence. */
export function andMore(count: number, noun: string): string {
  return count > 1 ? ` (and ${count - 1} more ${noun}${count - 1 === 1 ? '' : 's'})` : '';
}
