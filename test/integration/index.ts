// Mocha entry that the VS Code extension host loads (`extensionTestsPath`). It runs inside the
// extension host, so `vscode` is the real API; `mocha` is external in the bundle and resolves
// from node_modules.
//
// Suites use mocha's TDD interface (`suite`, `test`, `suiteSetup`, `setup`, ...), the same
// default as @vscode/test-cli (see .vscode-test.mjs), so a suite runs unchanged on desktop.
//
// Which files run is chosen by the session the harness (scripts/vscode-test/) started:
// - LOSS_LENS_TEST_SESSION=trusted (default): every `*.test.js` except `*.untrusted.test.js`,
//   in a workbench started with `--disable-workspace-trust`.
// - LOSS_LENS_TEST_SESSION=untrusted: only `*.untrusted.test.js`, in a workbench where
//   workspace trust is enabled and the test folder is not trusted.
// LOSS_LENS_TEST_GREP, when set, is a mocha grep over full test titles.
// LOSS_LENS_TEST_LOG_MARKER, when set, prefixes this process's console output during the run so
// the harness can tell test output apart from the workbench's own log lines (both reach it
// through the same channel).
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const UNTRUSTED_SUFFIX = '.untrusted.test.js';

function selectSuiteFiles(fileNames: readonly string[], session: string): string[] {
  const suites = fileNames.filter((name) => name.endsWith('.test.js'));
  const untrusted = session === 'untrusted';
  return suites.filter((name) => name.endsWith(UNTRUSTED_SUFFIX) === untrusted).sort();
}

export async function run(): Promise<void> {
  const session = process.env.LOSS_LENS_TEST_SESSION ?? 'trusted';
  const grep = process.env.LOSS_LENS_TEST_GREP;
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: 20_000,
    ...(grep ? { grep } : {}),
  });
  const files = selectSuiteFiles(readdirSync(__dirname), session);
  if (files.length === 0) {
    throw new Error(`no ${session} suite files in ${__dirname}`);
  }
  for (const file of files) mocha.addFile(join(__dirname, file));

  const restoreConsole = markConsole(process.env.LOSS_LENS_TEST_LOG_MARKER);
  // A throw from mocha.run rejects the promise: the executor's exceptions become its rejection.
  const failures = await new Promise<number>((resolve) => mocha.run(resolve)).finally(restoreConsole);
  if (failures > 0) {
    throw new Error(`${failures} test${failures === 1 ? '' : 's'} failed`);
  }
}

// Mocha's reporters print through their own saved reference to console.log, so that is marked too.
function markConsole(marker: string | undefined): () => void {
  if (!marker) return () => undefined;
  const mark =
    (print: (...data: unknown[]) => void) =>
    (...data: unknown[]) =>
      typeof data[0] === 'string' ? print(`${marker} ${data[0]}`, ...data.slice(1)) : print(marker, ...data);
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  // Kept to be put back as they were; Node's console methods are bound to the console already.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originals = methods.map((name) => console[name]);
  const reporterLog = Mocha.reporters.Base.consoleLog;
  methods.forEach((name, index) => (console[name] = mark(originals[index])));
  Mocha.reporters.Base.consoleLog = mark(reporterLog);
  return () => {
    methods.forEach((name, index) => (console[name] = originals[index]!));
    Mocha.reporters.Base.consoleLog = reporterLog;
  };
}
