// Installs a packaged extension (.vsix) into an extensions folder the way a user's VS Code does,
// with the server's own `--install-extension`; a session started with that `extensionsDir` (and
// `extensionDevelopmentPath: null`) then runs the installed copy.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureVsCode } from './install';

export async function installExtension(vsix: string, extensionsDir: string): Promise<void> {
  const install = await ensureVsCode();
  // The CLI writes its own logs and state; keep them out of the user's home.
  const dataDir = mkdtempSync(join(tmpdir(), 'loss-lens-install-'));
  try {
    const args = [
      install.serverMain,
      '--accept-server-license-terms',
      '--server-data-dir',
      join(dataDir, 'server'),
      '--user-data-dir',
      join(dataDir, 'user'),
      '--extensions-dir',
      extensionsDir,
      '--install-extension',
      vsix,
    ];
    const child = spawn(install.node, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0 || !/successfully installed/.test(output)) {
      throw new Error(`installing ${vsix} failed (exit code ${code}):\n${output}`);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
