// `npm run test:ui [-- <substring of a test/ui path> ...]`: runs test/ui/**/*.test.ts with node's
// test runner (through tsx), one file at a time; each file starts its own VS Code window through
// test/ui/workbench.ts. Installs the cache first so the first run's progress is shown once.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureVsCode } from './install';
import { progress, seconds } from './log';
import { repoRoot } from './paths';

const timeoutMs = Number(process.env.LOSS_LENS_TEST_TIMEOUT_MS ?? 10 * 60_000);

function collect(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return collect(path);
    return name.endsWith('.test.ts') ? [relative(repoRoot, path)] : [];
  });
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  const files = collect(join(repoRoot, 'test', 'ui')).filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)));
  if (files.length === 0) {
    progress(`no UI tests match ${filters.join(' ')}`);
    return 1;
  }
  if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) {
    progress('dist/extension.js is missing: run `npm run build` first');
    return 1;
  }
  await ensureVsCode();
  const started = Date.now();
  progress(`UI tests: ${files.join(' ')}`);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
    // Own process group: on a timeout or Ctrl+C every test process gets SIGTERM and stops its VS Code.
    { cwd: repoRoot, stdio: 'inherit', detached: true },
  );
  const stopChildren = (why: string) => {
    progress(`${why}: stopping the UI tests`);
    signalGroup('SIGTERM');
    setTimeout(() => signalGroup('SIGKILL'), 8000).unref();
  };
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  const timer = setTimeout(() => stopChildren(`timed out after ${timeoutMs / 1000} s`), timeoutMs);
  process.once('SIGINT', () => stopChildren('SIGINT'));
  process.once('SIGTERM', () => stopChildren('SIGTERM'));
  const code = await new Promise<number>((resolve) => child.once('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0))));
  clearTimeout(timer);
  progress(`UI tests ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds(started)}`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    progress(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
