// Public API of the harness: a real VS Code (server + web workbench in Chromium) for tests,
// UI automation and benchmarks. Installs into the cache on first use (see install.ts).
//
//   await withVsCode({}, async ({ page, port, workspace }) => { ... });
//
// Everything started is stopped when the callback settles, and also on SIGINT/SIGTERM or exit.
import type { Browser, Page } from 'playwright-core';
import { ensureVsCode } from './install';
import { progress, seconds } from './log';
import { createLogFilter, type Verbosity } from './output';
import { repoRoot } from './paths';
import { startServer, type ServerOptions, type VsCodeServer } from './server';
import { launchBrowser, openWorkbench, type LogLevel } from './workbench';

export { ensureVsCode } from './install';
export { installExtension } from './install-extension';
export { teardownAll } from './cleanup';
export { TEST_LOG_MARKER } from './output';
export type { ServerOptions, VsCodeServer } from './server';

export interface VsCodeOptions extends ServerOptions {
  /** Extension folder loaded as "under development"; default the repo root, null for none. */
  extensionDevelopmentPath?: string | null;
  /** Compiled test entry (exports run()); the window then runs it and reports `exitCode`. */
  extensionTestsPath?: string;
  /** Which log lines reach stdout: test output and unexpected workbench errors (default), all, or none. */
  verbosity?: Verbosity | 'none';
  /** Receives every workbench/extension-host log line as well. */
  onLog?: (level: LogLevel, line: string) => void;
  viewport?: { width: number; height: number };
}

export interface VsCode {
  page: Page;
  browser: Browser;
  server: VsCodeServer;
  port: number;
  /** Absolute path of the opened workspace (a fresh copy of test/fixtures/workspace). */
  workspace: string;
  vscodeVersion: string;
  /** With extensionTestsPath: 0 when run() resolved, 1 when it rejected or the page crashed. */
  exitCode: Promise<number>;
  close(): Promise<void>;
}

export async function launchVsCode(options: VsCodeOptions = {}): Promise<VsCode> {
  const install = await ensureVsCode();
  const server = await startServer(install, options);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const verbosity = options.verbosity ?? 'tests';
    const show = verbosity === 'none' ? undefined : createLogFilter(verbosity, (line) => process.stdout.write(line + '\n'));
    const extensionDevelopmentPath = options.extensionDevelopmentPath === undefined ? repoRoot : options.extensionDevelopmentPath;
    const started = Date.now();
    const { page, exitCode } = await openWorkbench(browser, server, {
      ...(extensionDevelopmentPath ? { extensionDevelopmentPath } : {}),
      ...(options.extensionTestsPath ? { extensionTestsPath: options.extensionTestsPath } : {}),
      ...(options.viewport ? { viewport: options.viewport } : {}),
      onLog: (level, line) => {
        show?.(level, line);
        options.onLog?.(level, line);
      },
    });
    if (!options.extensionTestsPath) {
      await page.waitForFunction(() => 'driver' in window, undefined, { timeout: 60_000 });
      await page.evaluate(() => (window as unknown as { driver: { whenWorkbenchRestored(): Promise<void> } }).driver.whenWorkbenchRestored());
      progress(`workbench restored after ${seconds(started)}`);
    }
    const openedBrowser = browser;
    return {
      page,
      browser,
      server,
      port: server.port,
      workspace: server.workspace,
      vscodeVersion: install.vscodeVersion,
      exitCode,
      close: async () => {
        await openedBrowser.close().catch(() => undefined);
        await server.stop();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await server.stop();
    throw error;
  }
}

export async function withVsCode<T>(options: VsCodeOptions, use: (vscode: VsCode) => Promise<T>): Promise<T> {
  const vscode = await launchVsCode(options);
  try {
    return await use(vscode);
  } finally {
    await vscode.close();
  }
}
