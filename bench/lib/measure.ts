/**
 * Timing for the benchmark groups. Every case of a comparison runs in the same rounds,
 * interleaved (round r runs each case once, in an order rotated by r), so a load change on
 * this shared machine hits every case alike instead of whichever happened to run then.
 *
 * Each timed call gets inputs prepared before the clock starts (fresh copies, so nothing can
 * be memoised across calls). Calls shorter than a tenth of `minBatchMs` are timed in batches
 * that last at least `minBatchMs`; the per-call time is the batch time divided by its size. With
 * `--expose-gc` the heap is collected (an ordinary major GC) before every batch, so one case's
 * garbage is not collected on another case's clock.
 */
import { performance } from 'node:perf_hooks';

export interface BenchCase<Input> {
  readonly name: string;
  /** Builds the inputs of one call (untimed). */
  prepare(): Input;
  /** The timed work; its result is kept so the work cannot be optimised away. */
  run(input: Input): unknown;
  /** Duration of an earlier untimed call (e.g. the correctness check), to spot slow cases without a warm-up call. */
  readonly knownCallMs?: number;
}

/** A case typed by its own inputs: `run` takes what `prepare` returns, also in a list of cases whose inputs differ. */
export function benchCase<Input>(spec: BenchCase<Input>): BenchCase<Input> {
  return spec;
}

export interface Timing {
  readonly name: string;
  /** Milliseconds per call, one per repetition. */
  readonly samples: readonly number[];
  readonly median: number;
  readonly min: number;
  readonly p25: number;
  readonly p75: number;
  /** Calls per timed batch. */
  readonly batch: number;
}

export interface CompareOptions {
  /** Untimed rounds before measuring (JIT warm-up; also sizes the batches). */
  readonly warmup: number;
  readonly repetitions: number;
  /** Batches of short calls last at least this long. */
  readonly minBatchMs: number;
  /** Cases whose single call exceeds this (in warm-up, or `knownCallMs`) get no more warm-up and `slowRepetitions` repetitions. */
  readonly slowCallMs?: number;
  readonly slowRepetitions?: number;
}

type GcFunction = (options?: { type: 'major' | 'minor'; execution: 'sync' | 'async' }) => void;
const gc = (globalThis as { gc?: GcFunction }).gc;
/**
 * An ordinary major GC. Not a bare `gc()`: that is V8's testing collection, which also clears
 * the weak references of optimised code, so the next call of a function that embedded a
 * since-dead object runs deoptimised (the parser lost a third of its speed to that here).
 */
const collectGarbage = (): void => gc?.({ type: 'major', execution: 'sync' });
/** Holds the last result, so the work that produced it cannot be optimised away. */
export const blackhole: { value: unknown } = { value: undefined };

export function consume(value: unknown): void {
  blackhole.value = value;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

export function summarize(name: string, samples: readonly number[], batch = 1): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { name, samples, batch, median: quantile(sorted, 0.5), min: sorted[0], p25: quantile(sorted, 0.25), p75: quantile(sorted, 0.75) };
}

function timeBatch<Input>(benchCase: BenchCase<Input>, size: number): number {
  const inputs: Input[] = [];
  for (let i = 0; i < size; i++) inputs.push(benchCase.prepare());
  collectGarbage();
  const started = performance.now();
  for (let i = 0; i < size; i++) consume(benchCase.run(inputs[i]));
  const elapsed = performance.now() - started;
  inputs.length = 0;
  consume(undefined);
  return elapsed / size;
}

/** Runs the cases interleaved and returns one Timing per case, in the order given. */
export function compare<Input>(cases: readonly BenchCase<Input>[], options: CompareOptions): Timing[] {
  const batchSizes = cases.map(() => 1);
  // A known (cold, first) call counts only when far above the threshold: cold calls run slower.
  const perCallEstimate = cases.map((benchCase) =>
    benchCase.knownCallMs !== undefined && options.slowCallMs !== undefined && benchCase.knownCallMs > 3 * options.slowCallMs
      ? benchCase.knownCallMs
      : Infinity,
  );
  const isSlow = (i: number) => options.slowCallMs !== undefined && Number.isFinite(perCallEstimate[i]) && perCallEstimate[i] > options.slowCallMs;
  for (let round = 0; round < options.warmup; round++) {
    cases.forEach((benchCase, i) => {
      // A slow case needs no warm-up call: one call already runs its loops a million times.
      if (isSlow(i)) return;
      const perCall = timeBatch(benchCase, batchSizes[i]);
      perCallEstimate[i] = Math.min(perCallEstimate[i], perCall);
      // Only short calls are batched: a call of several milliseconds is far above the clock's
      // resolution, and batching big ones would keep several inputs and outputs alive at once.
      batchSizes[i] = perCallEstimate[i] < options.minBatchMs / 10 ? Math.ceil(options.minBatchMs / Math.max(perCallEstimate[i], 1e-4)) : 1;
    });
  }
  const repetitions = cases.map((_, i) => (isSlow(i) ? (options.slowRepetitions ?? 3) : options.repetitions));
  const samples: number[][] = cases.map(() => []);
  const rounds = Math.max(...repetitions);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < cases.length; k++) {
      const i = (k + round) % cases.length;
      if (samples[i].length < repetitions[i]) samples[i].push(timeBatch(cases[i], batchSizes[i]));
    }
  }
  return cases.map((benchCase, i) => summarize(benchCase.name, samples[i], batchSizes[i]));
}

/** Wall time of an async operation, in milliseconds. */
export async function timeAsync<T>(operation: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await operation();
  return { ms: performance.now() - started, value };
}

/**
 * Median over rounds of a.sample / b.sample, pairing the samples taken in the same round (cases
 * run interleaved, so a load change on the machine hits both sides of a pair alike). Slow cases
 * have fewer repetitions: only the rounds both took part in are paired.
 */
export function pairedRatio(a: Timing, b: Timing): number {
  const rounds = Math.min(a.samples.length, b.samples.length);
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) ratios.push(a.samples[i] / b.samples[i]);
  return quantile(
    ratios.sort((x, y) => x - y),
    0.5,
  );
}
