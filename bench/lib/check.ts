/**
 * "Same numbers" checks. A benchmark whose implementations disagree measures nothing, so a
 * mismatch throws and the run fails.
 */
export class MismatchError extends Error {
  override readonly name = 'MismatchError';
}

export interface Agreement {
  /** Largest |a − b| / max(|b|, 1) over the values compared. */
  readonly maxError: number;
  readonly compared: number;
}

/** Error relative to the reference, absolute below 1 (losses near 0 have no meaningful relative error). */
function scaledError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1);
}

export function assertClose(what: string, actual: ArrayLike<number> | number, expected: ArrayLike<number> | number, tolerance: number): Agreement {
  const a = typeof actual === 'number' ? [actual] : actual;
  const e = typeof expected === 'number' ? [expected] : expected;
  if (a.length !== e.length) throw new MismatchError(`${what}: ${a.length} values, expected ${e.length}`);
  let maxError = 0;
  for (let i = 0; i < e.length; i++) {
    const error = Number.isNaN(a[i]) !== Number.isNaN(e[i]) ? Infinity : Number.isNaN(e[i]) ? 0 : scaledError(a[i], e[i]);
    if (error > tolerance) throw new MismatchError(`${what}[${i}]: ${a[i]} vs ${e[i]} (error ${error.toExponential(2)} > ${tolerance})`);
    if (error > maxError) maxError = error;
  }
  return { maxError, compared: e.length };
}

export function assertEqualBits(what: string, actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  if (actual.length !== expected.length) throw new MismatchError(`${what}: ${actual.length} values, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) throw new MismatchError(`${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}
