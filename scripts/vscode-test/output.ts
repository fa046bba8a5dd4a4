// The workbench reports its own log lines and the extension host's console through one channel
// (codeAutomationLog). Test output is recognised by a marker that test/integration/index.ts puts
// in front of every console line it forwards; workbench errors are kept unless they are the
// expected consequences of having no network; everything else is dropped.
import { format } from 'node:util';
import type { LogLevel } from './workbench';

export const TEST_LOG_MARKER = '\u2063[loss-lens-test]\u2063';

const NETWORK_NOISE = [
  /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|net::ERR_|Failed to fetch|NetworkError/i,
  /open-vsx|marketplace|gallery|telemetry|api\.github\.com|github\.com|update\.code\.visualstudio/i,
  /\[Service Worker\]/,
  /authentication provider '(github|microsoft)'/,
];

/** Turns a codeAutomationLog message (a console-style argument list or a string) into a line. */
export function formatLogMessage(message: unknown): string {
  if (Array.isArray(message)) {
    const args: unknown[] = message;
    return typeof args[0] === 'string' ? format(args[0], ...args.slice(1)) : format(...args);
  }
  return typeof message === 'string' ? message : format(message);
}

export type Verbosity = 'tests' | 'all';

export function createLogFilter(verbosity: Verbosity, write: (line: string) => void) {
  return (level: LogLevel, line: string): void => {
    if (line.startsWith(TEST_LOG_MARKER)) {
      write(line.slice(TEST_LOG_MARKER.length + 1));
    } else if (verbosity === 'all') {
      write(`  [workbench ${level}] ${line}`);
    } else if (level === 'error' && !NETWORK_NOISE.some((pattern) => pattern.test(line))) {
      write(`  [workbench error] ${line}`);
    }
  };
}
