/**
 * `npm run fuzz`: the parser's and the engine's properties with many more runs than the unit
 * tests. FUZZ_RUNS scales the runs (default 50 000 per property), FUZZ_SEED replays a failure,
 * FUZZ_ONLY picks properties whose name contains it.
 */
import { classificationIsSafe, distributionsAreSafe, validInputsAreConsistent } from '../engine/properties';
import { garbageIsSafe } from './garbage';
import { anyTextIsSafe, documentsAreScanned, formatRoundTrip, numbersAreCorrectlyRounded, type Runs, spellingsAgree } from './properties';

const numRuns = Number(process.env.FUZZ_RUNS ?? 50_000);
const seed = process.env.FUZZ_SEED === undefined ? Date.now() : Number(process.env.FUZZ_SEED);
const only = process.env.FUZZ_ONLY;
const runs: Runs = { numRuns, seed };
console.log(`fuzzing with ${numRuns} runs per property, seed ${seed}`);

const properties: [string, (runs: Runs) => void, number][] = [
  ['format round trip', formatRoundTrip, 1],
  ['spellings agree', spellingsAgree, 1],
  ['numbers correctly rounded', numbersAreCorrectlyRounded, 1],
  ['any text is safe', anyTextIsSafe, 2],
  ['garbage is safe', garbageIsSafe, 4],
  ['documents are scanned', documentsAreScanned, 0.1],
  ['engine: classification is safe', classificationIsSafe, 4],
  ['engine: valid inputs are consistent', validInputsAreConsistent, 1],
  ['engine: distributions are safe', distributionsAreSafe, 1],
];
for (const [name, check, scale] of properties) {
  if (only !== undefined && !name.includes(only)) continue;
  const started = performance.now();
  check({ ...runs, numRuns: Math.max(1, Math.round(numRuns * scale)) });
  console.log(`${name}: ok (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
