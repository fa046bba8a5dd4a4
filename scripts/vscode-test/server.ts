// Starts VS Code's own server entry point (not code-server's wrapper, which drops
// --enable-smoke-test-driver) with Node 24, bound to 127.0.0.1 on a port the server picks,
// with fresh data directories and a fresh copy of the test workspace.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTeardown } from './cleanup';
import type { VsCodeInstall } from './install';
import { progress, seconds } from './log';
import { fixtureWorkspace } from './paths';

export interface ServerOptions {
  /** false: workspace trust stays enabled (the copied folder starts untrusted). Default true. */
  trustWorkspace?: boolean;
  /** Folder copied into the run's temp dir and opened; default test/fixtures/workspace. */
  workspaceSource?: string;
  /** Extra environment for the server and, through it, the extension host. */
  env?: Record<string, string>;
  /**
   * User settings written before start, over the harness defaults (DEFAULT_USER_SETTINGS). The
   * workbench reads this file once: later edits to it are not applied in this build, so change
   * settings during a run through the workspace's .vscode/settings.json instead.
   */
  userSettings?: Record<string, unknown>;
  /** Use this extensions dir (e.g. with an installed .vsix) instead of an empty one. */
  extensionsDir?: string;
  /**
   * Display language, e.g. 'zh-cn' (the server's --locale). The server also gets a language pack
   * for it that translates nothing (none can be downloaded here): the workbench's own text stays
   * English while VS Code and its extensions run in that language (`vscode.env.language`,
   * package.nls.<locale>.json, l10n bundles).
   */
  locale?: string;
  readyTimeoutMs?: number;
}

export interface VsCodeServer {
  port: number;
  /** http://127.0.0.1:<port> */
  origin: string;
  /** The fresh copy of the workspace this run opens (deleted on stop). */
  workspace: string;
  tempDir: string;
  /** Server output so far (for failure reports). */
  output(): string;
  stop(): Promise<void>;
}

// A quiet, offline-friendly window: no welcome page, chat panel, tips or update checks.
export const DEFAULT_USER_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
};

const READY = /Web UI available at https?:\/\/[^:\s]+:(\d+)/;

/**
 * What an installed language pack leaves in the user data folder (languagepacks.json, which the
 * server reads to pick the workbench's language), pointing at a translation file with no entries.
 */
function writeEmptyLanguagePack(userDataDir: string, locale: string): void {
  const translations = join(userDataDir, 'test-language-pack', 'main.i18n.json');
  mkdirSync(join(translations, '..'), { recursive: true });
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const pack = {
    hash: `loss-lens-test-${locale}`,
    extensions: [{ extensionIdentifier: { id: `loss-lens-tests.language-pack-${locale}` }, version: '1.0.0' }],
    translations: { vscode: translations },
    label: locale,
  };
  writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: pack }, null, 2));
}

export async function startServer(install: VsCodeInstall, options: ServerOptions = {}): Promise<VsCodeServer> {
  const started = Date.now();
  const tempDir = mkdtempSync(join(tmpdir(), 'loss-lens-vscode-'));
  const workspace = join(tempDir, 'workspace');
  cpSync(options.workspaceSource ?? fixtureWorkspace, workspace, { recursive: true });
  // The code reader's corpora (documented snippets, the source article's script) sit beside the workspace, as in the repository.
  cpSync(join(fixtureWorkspace, '..', 'code'), join(tempDir, 'code'), { recursive: true });
  const extensionsDir = options.extensionsDir ?? join(tempDir, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  // This server keeps the web workbench's user data on disk under --user-data-dir.
  const userSettingsPath = join(tempDir, 'user', 'User', 'settings.json');
  mkdirSync(join(userSettingsPath, '..'), { recursive: true });
  writeFileSync(userSettingsPath, JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...options.userSettings }, null, 2));
  const locale = options.locale?.toLowerCase();
  if (locale && !locale.startsWith('en')) writeEmptyLanguagePack(join(tempDir, 'user'), locale);

  const args = [
    install.serverMain,
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--telemetry-level',
    'off',
    ...(process.env.LOSS_LENS_VSCODE_LOG ? ['--log', process.env.LOSS_LENS_VSCODE_LOG] : []),
    '--server-data-dir',
    join(tempDir, 'server'),
    '--user-data-dir',
    join(tempDir, 'user'),
    '--extensions-dir',
    extensionsDir,
  ];
  if (options.trustWorkspace !== false) args.push('--disable-workspace-trust');
  if (locale) args.push('--locale', locale);

  const child = spawn(install.node, args, {
    cwd: tempDir,
    env: { ...process.env, ...options.env, PATH: `${join(install.node, '..')}:${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so stopping it also stops the extension host and helpers it forked.
    detached: true,
  });
  let output = '';
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => (exited = true));

  const killGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined || exited) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const stop = async () => {
    unregister();
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 3000);
    await exitPromise;
    clearTimeout(timer);
    // Helpers that outlived the server (same group) must not keep files open in tempDir.
    killGroup('SIGKILL');
    rmSync(tempDir, { recursive: true, force: true, maxRetries: 3 });
  };
  const unregister = onTeardown(stop, () => {
    killGroup('SIGKILL');
    rmSync(tempDir, { recursive: true, force: true });
  });

  const port = await new Promise<number>((resolve, reject) => {
    const timeoutMs = options.readyTimeoutMs ?? 60_000;
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`VS Code server ${why}.\ncommand: ${install.node} ${args.join(' ')}\noutput:\n${output || '(none)'}`));
    };
    const timer = setTimeout(() => fail(`did not report "Web UI available at" within ${timeoutMs / 1000} s`), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => fail(`could not start: ${error.message}`));
    child.once('exit', (code, signal) => fail(`exited before it was ready (code ${code}, signal ${signal})`));
  }).catch(async (error) => {
    await stop();
    throw error;
  });

  progress(
    `VS Code server ${install.vscodeVersion} on 127.0.0.1:${port}${options.trustWorkspace === false ? ' (workspace trust enabled)' : ''} after ${seconds(started)}`,
  );
  return { port, origin: `http://127.0.0.1:${port}`, workspace, tempDir, output: () => output, stop };
}
