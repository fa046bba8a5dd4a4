/**
 * The cost of the engine's two exactness modes per element, relative to plain float64:
 * - float32 (`float32: true`): every operation rounded with Math.fround, through the general
 *   per-row path, to reproduce what TensorFlow and PyTorch print;
 * - precision (`precisionDigits`): the per-sample softmax CE and element-wise sigmoid CE
 *   recomputed with mathjs BigNumber. It declines above precisionElementLimit(digits) logits
 *   (10,000 at 16 digits, falling with digits²), so it is measured on [256, 10] at 16 digits,
 *   and against its digits on [4, 8].
 */
import { analyzeClassification, precisionElementLimit } from '../src/engine';
import type { ClassificationOptions, ClassificationReport } from '../src/report/model';
import { assertClose, MismatchError } from './lib/check';
import { progress, type GroupOptions } from './lib/group';
import { engineTensors, makeProblem, type Problem } from './lib/inputs';
import { compare, type BenchCase } from './lib/measure';
import { ms, packageVersion, ratio, type GroupResult, type Table } from './lib/result';

const BASE: Partial<ClassificationOptions> = { smoothing: 0.1 };

interface Mode {
  readonly name: string;
  readonly options: Partial<ClassificationOptions>;
  /** Checks the mode's report against the float64 one; throws on disagreement. */
  readonly check: (report: ClassificationReport, float64: ClassificationReport) => void;
}

const float64Mode: Mode = { name: 'float64 (default)', options: BASE, check: () => undefined };
const float32Mode: Mode = {
  name: '`float32: true`',
  options: { ...BASE, float32: true },
  check: (report, float64) => {
    // Inputs are rounded to float32 first, so the losses move by up to ~1e-6 relative.
    assertClose('float32 per-sample softmax CE', report.softmaxCrossEntropy, float64.softmaxCrossEntropy, 1e-5);
    assertClose('float32 element-wise sigmoid CE', report.sigmoidCrossEntropy.data, float64.sigmoidCrossEntropy.data, 1e-5);
  },
};

function precisionMode(digits: number): Mode {
  return {
    name: `\`precisionDigits: ${digits}\``,
    options: { ...BASE, precisionDigits: digits },
    check: (report, float64) => {
      const check = report.precision;
      if (!check) throw new MismatchError(`precision ${digits}: no precision check in the report`);
      // The BigNumber values are the exact losses of the typed decimals; float64 is within a few ulps.
      if (!(check.maxRelativeError < 1e-13)) throw new MismatchError(`precision ${digits}: max relative error ${check.maxRelativeError}`);
      assertClose(`precision ${digits} softmax CE`, check.softmaxCrossEntropy.map(Number), float64.softmaxCrossEntropy, 1e-13);
      assertClose(`precision ${digits} sigmoid CE`, check.sigmoidCrossEntropy.map(Number), float64.sigmoidCrossEntropy.data, 1e-13);
    },
  };
}

function measureShape(problem: Problem, modes: readonly Mode[], quick: boolean): Table {
  const shape = `[${problem.samples}, ${problem.classes}]`;
  const analyze = (mode: Mode) => {
    const { logits, labels } = engineTensors(problem);
    return analyzeClassification(logits, labels, mode.options);
  };
  progress(`modes ${shape}: checking each mode against float64`);
  const float64 = analyze(float64Mode);
  for (const mode of modes) mode.check(analyze(mode), float64);

  progress(`modes ${shape}: timing`);
  const cases: BenchCase<ReturnType<typeof engineTensors>>[] = modes.map((mode) => ({
    name: mode.name,
    prepare: () => engineTensors(problem),
    run: ({ logits, labels }) => analyzeClassification(logits, labels, mode.options),
  }));
  const timings = compare(
    cases,
    quick
      ? { warmup: 2, repetitions: 5, minBatchMs: 20, slowCallMs: 2000, slowRepetitions: 1 }
      : { warmup: 4, repetitions: 15, minBatchMs: 50, slowCallMs: 500, slowRepetitions: 3 },
  );
  const elements = problem.samples * problem.classes;
  const base = timings[0].median;
  return {
    caption: `Logits ${shape} (${elements.toLocaleString('en')} elements), integer labels, ε = 0.1`,
    columns: ['mode', 'median / call', 'p25 – p75', 'reps × batch', 'per element', 'cost ÷ float64'],
    rows: timings.map((t) => [
      t.name,
      ms(t.median),
      `${ms(t.p25)} – ${ms(t.p75)}`,
      `${t.samples.length} × ${t.batch}`,
      `${((t.median * 1e6) / elements).toFixed(0)} ns`,
      ratio(t.median / base),
    ]),
  };
}

/** Precision mode's cost per element against its digits, on an input small enough for every digits tried (cost grows faster than linearly). */
function precisionByDigits(quick: boolean): {
  table: Table;
  atLimit: (digits: number) => number;
  digits: readonly number[];
  perElement: (digits: number) => number;
} {
  const problem = makeProblem(4, 8);
  const elements = problem.samples * problem.classes;
  const digits = quick ? [16, 40, 64] : [16, 32, 40, 64, 128, 256];
  const modes = digits.map(precisionMode);
  progress(`modes: precision digits ${digits.join(', ')} on [${problem.samples}, ${problem.classes}]`);
  const float64 = analyzeClassification(engineTensors(problem).logits, engineTensors(problem).labels, BASE);
  for (const mode of modes) {
    const { logits, labels } = engineTensors(problem);
    mode.check(analyzeClassification(logits, labels, mode.options), float64);
  }
  const cases: BenchCase<ReturnType<typeof engineTensors>>[] = modes.map((mode) => ({
    name: mode.name,
    prepare: () => engineTensors(problem),
    run: ({ logits, labels }) => analyzeClassification(logits, labels, mode.options),
  }));
  const timings = compare(
    cases,
    quick
      ? { warmup: 1, repetitions: 3, minBatchMs: 20, slowCallMs: 500, slowRepetitions: 1 }
      : { warmup: 2, repetitions: 5, minBatchMs: 50, slowCallMs: 500, slowRepetitions: 3 },
  );
  const perElement = (d: number) => timings[digits.indexOf(d)].median / elements;
  const atLimit = (d: number) => perElement(d) * precisionElementLimit(d);
  const table: Table = {
    caption: `Precision mode against its digits, logits [${problem.samples}, ${problem.classes}] (${elements} elements), and what that means at its element limit for those digits`,
    columns: ['mode', 'median / call', 'per element', 'element limit (10,000 × (16 / digits)²)', 'at the limit (extrapolated)'],
    rows: timings.map((t, i) => [t.name, ms(t.median), ms(t.median / elements), precisionElementLimit(digits[i]).toLocaleString('en'), ms(atLimit(digits[i]))]),
  };
  return { table, atLimit, digits, perElement };
}

export function run(options: GroupOptions): GroupResult {
  const byDigits = precisionByDigits(options.quick);
  const tables = [
    measureShape(makeProblem(1024, 1000), [float64Mode, float32Mode], options.quick),
    measureShape(makeProblem(256, 10), [float64Mode, float32Mode, precisionMode(16)], options.quick),
    byDigits.table,
  ];
  const largest = byDigits.digits[byDigits.digits.length - 1];
  // Cost per element grows roughly with digits² at high precision (decimal.js exp and ln).
  const growth = Math.log(byDigits.perElement(largest) / byDigits.perElement(64)) / Math.log(largest / 64);
  const longest = Math.max(...byDigits.digits.map(byDigits.atLimit));
  return {
    title: 'Float32 and precision modes',
    tables,
    targets: [],
    notes: [
      `Precision mode's cost grows with the digits${largest > 64 ? ` (here about digits^${growth.toFixed(1)} from 64 to ${largest})` : ''}, so it bounds the work rather than the element count: it declines (with an info diagnostic) above 10,000 × (16 / digits)² logits — 10,000 at 16 digits, 1,600 at 40, 2 at 1000. ` +
        `At the limit the check takes ${ms(longest)} or less for every digits measured here; the calculator's Compare tab (40 digits by default, \`DEFAULT_COMPARE_DIGITS\` in src/vscode/calculator/compute.ts) takes at most ${ms(byDigits.atLimit(40))}. ` +
        'It still runs synchronously where it is called, on the extension host for the calculator; a worker thread with cancellation would free the host for that time too. ' +
        "A cheaper check is possible: each softmax term takes its own exp(x − m) while the sigmoid term takes exp(−|x|); one exp(x) per element and one exp(−m) per row give both (e^{x−m} = e^x·e^{−m}, e^{−|x|} = e^x or 1/e^x), with a fallback where e^x overflows. decimal.js' exp is about half of the check's CPU profile, so that would save about a quarter.",
      'Each mode is checked first: float32 within 1e-5 of float64 (its inputs are rounded to float32); the precision report\'s BigNumber values within 1e-13 of float64 and its own max relative error below 1e-13. Precision mode declines above its element limit, hence the small shapes. Each call includes the whole float64 analysis, so "cost ÷ float64" is the mode\'s total cost, not its increment.',
    ],
    versions: { mathjs: packageVersion('mathjs') },
  };
}
