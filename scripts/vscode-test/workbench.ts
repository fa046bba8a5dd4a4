// Opens the web workbench of a running server in Debian's Chromium through playwright-core.
// One page is one VS Code window.
import { chromium, type Browser, type Page } from 'playwright-core';
import { onTeardown } from './cleanup';
import { formatLogMessage } from './output';
import { chromiumPath } from './paths';
import type { VsCodeServer } from './server';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface WorkbenchOptions {
  /** Folder whose package.json is the extension under development. */
  extensionDevelopmentPath?: string;
  /** Compiled test entry exporting run(); makes the window an extension test run. */
  extensionTestsPath?: string;
  /** Every log line of the workbench and the extension host (codeAutomationLog), formatted. */
  onLog?: (level: LogLevel, line: string) => void;
  viewport?: { width: number; height: number };
}

export interface Workbench {
  page: Page;
  /** Settles with the test run's exit code (0 when run() resolved) — only with extensionTestsPath. */
  exitCode: Promise<number>;
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });
  const unregister = onTeardown(
    async () => {
      await browser.close().catch(() => undefined);
    },
    () => undefined, // playwright kills the browser itself when this process exits
  );
  browser.once('disconnected', unregister);
  return browser;
}

export function workbenchUrl(server: VsCodeServer, options: WorkbenchOptions = {}): string {
  const remote = (path: string) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload: [string, string][] = [['skipWelcome', 'true']];
  if (options.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  return `${server.origin}/?folder=${remote(server.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export async function openWorkbench(browser: Browser, server: VsCodeServer, options: WorkbenchOptions = {}): Promise<Workbench> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
  const page = await context.newPage();
  let settle: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => (settle = resolve));
  await page.exposeFunction('codeAutomationLog', (level: LogLevel, message: unknown) => {
    options.onLog?.(level, formatLogMessage(message));
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
  page.once('crash', () => {
    options.onLog?.('error', 'the workbench page crashed');
    settle(1);
  });
  await page.goto(workbenchUrl(server, options));
  return { page, exitCode };
}
