/**
 * The whole CLI end to end: `node dist/cli.js --logits @file --labels @file --smoothing 0.1
 * --summary --json` on [1024, 1000] logits, against `node` running a script that reads the same
 * files with JSON.parse and loops (bench/baselines/cli-json-loop.mjs). Both are timed from spawn
 * to exit, so both pay Node's start-up; `node -e 0` and `dist/cli.js --version` show how much of
 * each is start-up and bundle loading. An in-process breakdown of the CLI's phases (same source,
 * through tsx) says where the rest goes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeClassification } from '../src/engine';
import { parseLiteral } from '../src/literal';
import { reportJson } from '../src/render/json';
import { assertClose } from './lib/check';
import { CLI_EPSILON, cliBundle, jsonLoopBaseline, writeCliFiles } from './lib/cli-files';
import { progress, type GroupOptions } from './lib/group';
import { compare, pairedRatio, summarize, type BenchCase } from './lib/measure';
import { bytes, ms, ratio, ratioAgainst, repoRoot, type GroupResult } from './lib/result';

interface Totals {
  readonly softmaxCrossEntropy: number;
  readonly sigmoidCrossEntropy: number;
}

function node(args: readonly string[]): string {
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
  return result.stdout;
}

function totals(output: string): { mean: Totals; sum: Totals } {
  const parsed = JSON.parse(output) as { mean: Totals; sum: Totals };
  return { mean: parsed.mean, sum: parsed.sum };
}

export function run(options: GroupOptions): GroupResult {
  const files = writeCliFiles();
  try {
    const cliArgs = [cliBundle, ...files.cliArguments];
    const baselineArgs = [jsonLoopBaseline, files.logits, files.labels, String(CLI_EPSILON)];

    progress('cli: checking that the CLI and the baseline print the same means and sums');
    const cli = totals(node(cliArgs));
    const baseline = totals(node(baselineArgs));
    for (const key of ['mean', 'sum'] as const) {
      assertClose(
        `CLI ${key} vs JSON.parse loop`,
        [cli[key].softmaxCrossEntropy, cli[key].sigmoidCrossEntropy],
        [baseline[key].softmaxCrossEntropy, baseline[key].sigmoidCrossEntropy],
        1e-12,
      );
    }

    const lazySandbox = join(repoRoot, 'dist', 'lazy-sandbox.js');
    const spawnCase = (name: string, args: readonly string[]): BenchCase<null> => ({ name, prepare: () => null, run: () => node(args) });
    progress('cli: timing whole processes');
    const timings = compare(
      [
        spawnCase('cli', cliArgs),
        spawnCase('baseline', baselineArgs),
        spawnCase('cli --version', [cliBundle, '--version']),
        ...(existsSync(lazySandbox) ? [spawnCase('lazy sandbox', ['-e', `require(${JSON.stringify(lazySandbox)})`])] : []),
        spawnCase('node -e 0', ['-e', '0']),
      ],
      options.quick ? { warmup: 1, repetitions: 3, minBatchMs: 0 } : { warmup: 2, repetitions: 11, minBatchMs: 0 },
    );
    const median = (name: string) => timings.find((t) => t.name === name)!.median;
    const endToEnd = pairedRatio(
      timings.find((t) => t.name === 'cli')!,
      timings.find((t) => t.name === 'baseline')!,
    );

    progress('cli: in-process breakdown of the CLI phases');
    const phases = breakdown(files.logits, files.labels, options.quick ? 3 : 7);

    const labels: Record<string, string> = {
      cli: '**`node dist/cli.js … --summary --json`**',
      baseline: '`node cli-json-loop.mjs` (readFileSync, JSON.parse, loops)',
      'cli --version': '`node dist/cli.js --version` (start-up + loading the bundle)',
      'lazy sandbox': '`node -e "require(\'dist/lazy-sandbox.js\')"` (the mathjs sandbox the first arithmetic element loads; not used here)',
      'node -e 0': '`node -e 0` (Node start-up alone)',
    };
    const nodeAlone = median('node -e 0');
    const bundleLoad = median('cli --version') - nodeAlone;
    return {
      title: 'CLI end to end',
      tables: [
        {
          caption: `Logits [1024, 1000] from a ${bytes(statSync(files.logits).size)} file, 1024 labels, ε = ${CLI_EPSILON}; wall time from spawn to exit`,
          columns: ['process', 'median', 'p25 – p75', 'reps', 'time ÷ baseline'],
          rows: timings.map((t) => [
            labels[t.name],
            ms(t.median),
            `${ms(t.p25)} – ${ms(t.p75)}`,
            String(t.samples.length),
            ratio(t.median / median('baseline')),
          ]),
        },
        {
          caption: 'Where the CLI spends its time: the phases of src/cli/main.ts run in-process (first run, then the median of the JIT-warm runs)',
          columns: ['phase', 'first run (cold, as in the CLI)', 'warm median'],
          rows: phases.map((p) => [p.name, ms(p.cold), ms(p.warm)]),
        },
      ],
      targets: [
        {
          description: 'CLI within 1.5× of a JSON.parse + loop script, end to end, [1024, 1000]',
          measured: ratioAgainst(endToEnd, 1.5),
          target: '≤ 1.5×',
          met: endToEnd <= 1.5,
          note: cliNote(median('cli'), median('baseline'), nodeAlone, bundleLoad, phases),
        },
      ],
      notes: [
        `Checked before timing: the CLI's \`mean\` and \`sum\` (softmax and sigmoid CE) equal the baseline's to 1e-12. The logits file is a Python list literal that is also valid JSON, so both read the very same bytes. The baseline computes only the two sums; the CLI builds the whole report (see the engine section) and prints its summary.`,
      ],
      versions: {},
    };
  } finally {
    files.remove();
  }
}

/**
 * Where the CLI's time over the baseline goes, from this run's numbers, with the fix that fits
 * the largest part (the causes were found with `node --cpu-prof` on the unminified bundle).
 */
function cliNote(cli: number, baseline: number, nodeAlone: number, bundleLoad: number, phases: readonly Phase[]): string {
  const phase = (name: string) => phases.find((p) => p.name.startsWith(name))!.cold;
  const parts: [string, number, string][] = [
    [
      'loading dist/cli.js before any argument is read',
      bundleLoad,
      "load only what the request needs at start-up (mathjs is already deferred to dist/lazy-*.js; check the rest of the bundle's top-level code with `node --cpu-prof dist/cli.js --version`)",
    ],
    ['parsing the logits', phase('parseLiteral(logits)'), "see the parser section: the gap to JSON.parse is the parser's"],
    [
      'analyzeClassification',
      phase('analyzeClassification'),
      'for `--summary`, let the engine accumulate the totals without filling the per-element report arrays (see the memory section), which the summary never prints',
    ],
  ];
  const [what, , fix] = parts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return (
    `The CLI takes ${ms(cli - baseline)} more than the baseline. Node's start-up (${ms(nodeAlone)}) is common to both; on top of it the CLI spends ${parts.map(([name, t]) => `${ms(t)} ${name}`).join(', ')} (first runs, as in the CLI; table below), while the baseline's JSON.parse and loops take ${ms(baseline - nodeAlone)} in all. ` +
    `The largest part is ${what}. Proposed fix: ${fix}.`
  );
}

interface Phase {
  readonly name: string;
  /** The first run in this process: what the CLI, which runs every phase once, pays. */
  readonly cold: number;
  readonly warm: number;
}

function breakdown(logitsPath: string, labelsPath: string, repetitions: number): Phase[] {
  const names = ['read both files', 'parseLiteral(logits)', 'parseLiteral(labels)', 'analyzeClassification', 'reportJson + JSON.stringify (summary)'];
  const samples: number[][] = names.map(() => []);
  for (let r = 0; r < repetitions + 1; r++) {
    const times: number[] = [];
    let t = performance.now();
    const lap = () => {
      const now = performance.now();
      times.push(now - t);
      t = now;
    };
    const logitsText = readFileSync(logitsPath, 'utf8');
    const labelsText = readFileSync(labelsPath, 'utf8');
    lap();
    const logits = parseLiteral(logitsText).tensor;
    lap();
    const labels = parseLiteral(labelsText).tensor;
    lap();
    const report = analyzeClassification(logits, labels, { smoothing: CLI_EPSILON });
    lap();
    JSON.stringify(reportJson(report, { summary: true }));
    lap();
    times.forEach((time, i) => samples[i].push(time));
  }
  // The CLI process runs each phase once, cold; later rounds show the same code JIT-compiled.
  return names.map((name, i) => ({ name, cold: samples[i][0], warm: summarize(name, samples[i].slice(1)).median }));
}
