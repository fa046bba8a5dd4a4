// Runs the built CLI bundle (npm test builds before the unit tests) in a child process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const CLI = join(__dirname, '../../../dist/cli.js');

export function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `--json` output of a run that must succeed. */
export function runJson<Output>(...args: string[]): Output {
  const result = run(...args, '--json');
  assert.equal(result.status, 0, result.stderr || result.stdout);
  return JSON.parse(result.stdout) as Output;
}
