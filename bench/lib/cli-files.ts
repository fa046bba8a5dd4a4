/** The CLI benchmarks' input files: [1024, 1000] logits and their labels, written once to a temp dir. */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labelsLiteral, listLiteral, makeProblem, type Problem } from './inputs';
import { repoRoot } from './result';

export const CLI_EPSILON = 0.1;
export const cliBundle = join(repoRoot, 'dist', 'cli.js');
export const jsonLoopBaseline = join(repoRoot, 'bench', 'baselines', 'cli-json-loop.mjs');

export interface CliFiles {
  readonly problem: Problem;
  readonly logits: string;
  readonly labels: string;
  /** `node dist/cli.js …` arguments after the script. */
  readonly cliArguments: readonly string[];
  remove(): void;
}

export function writeCliFiles(samples = 1024, classes = 1000): CliFiles {
  if (!existsSync(cliBundle)) throw new Error(`${cliBundle} is missing: run \`npm run build\` (npm run bench does)`);
  const problem = makeProblem(samples, classes);
  const dir = mkdtempSync(join(tmpdir(), 'loss-lens-bench-cli-'));
  const logits = join(dir, 'logits.txt');
  const labels = join(dir, 'labels.txt');
  // A Python list literal that is valid JSON too, so the baseline reads the very same bytes.
  writeFileSync(logits, listLiteral(problem));
  writeFileSync(labels, labelsLiteral(problem));
  return {
    problem,
    logits,
    labels,
    cliArguments: ['--logits', `@${logits}`, '--labels', `@${labels}`, '--smoothing', String(CLI_EPSILON), '--summary', '--json'],
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
