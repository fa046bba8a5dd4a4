// Progress lines of the harness itself, kept apart from the test output by a prefix.
export function progress(message: string): void {
  process.stderr.write(`[vscode-test] ${message}\n`);
}

export function seconds(sinceMs: number): string {
  return `${((Date.now() - sinceMs) / 1000).toFixed(1)} s`;
}
