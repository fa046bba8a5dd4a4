// The English messages Loss Lens translates at run time, in a stable order: every
// `vscode.l10n.t('…')` literal under src/ (found by @vscode/l10n-dev, the extractor behind
// `npx @vscode/l10n-dev export`), then the calculator's string table, whose values reach
// vscode.l10n.t as variables when the host sends them to the webview (so no extractor sees them).
import { getL10nJson } from '@vscode/l10n-dev';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { CALCULATOR_STRINGS } from '../../src/vscode/calculator/strings';

export const repoRoot = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return /\.tsx?$/.test(name) ? [path] : [];
    });
}

/** Each message once, keyed by itself, as bundle.l10n.json holds them. */
export async function runtimeMessages(): Promise<string[]> {
  const files = sourceFiles(join(repoRoot, 'src')).map((path) => ({ contents: readFileSync(path, 'utf8'), extension: extname(path) }));
  const extracted = await getL10nJson(files);
  const messages = new Set<string>();
  for (const [key, value] of Object.entries(extracted)) {
    // A message with a translator comment is keyed `message/comment`; Loss Lens uses none.
    if (typeof value !== 'string') throw new Error(`l10n message with a comment is not supported here: ${key}`);
    messages.add(key);
  }
  for (const value of Object.values(CALCULATOR_STRINGS)) messages.add(value);
  return [...messages];
}
