/**
 * `npm run fuzz`: the literal parser's properties with many more runs than the unit tests.
 * FUZZ_RUNS scales the runs (default 50 000 per property), FUZZ_SEED replays a failure.
 */
import { anyTextIsSafe, documentsAreScanned, formatRoundTrip, numbersAreCorrectlyRounded, type Runs, spellingsAgree } from './properties';

const numRuns = Number(process.env.FUZZ_RUNS ?? 50_000);
const seed = process.env.FUZZ_SEED === undefined ? Date.now() : Number(process.env.FUZZ_SEED);
const runs: Runs = { numRuns, seed };
console.log(`fuzzing with ${numRuns} runs per property, seed ${seed}`);

const properties: [string, (runs: Runs) => void, number][] = [
  ['format round trip', formatRoundTrip, 1],
  ['spellings agree', spellingsAgree, 1],
  ['numbers correctly rounded', numbersAreCorrectlyRounded, 1],
  ['any text is safe', anyTextIsSafe, 2],
  ['documents are scanned', documentsAreScanned, 0.1],
];
for (const [name, check, scale] of properties) {
  const started = performance.now();
  check({ ...runs, numRuns: Math.max(1, Math.round(numRuns * scale)) });
  console.log(`${name}: ok (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
