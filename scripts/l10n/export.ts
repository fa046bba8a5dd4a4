// `npm run l10n`: writes l10n/bundle.l10n.json (the English source bundle) from the messages in
// src/ (scripts/l10n/messages.ts), and lists what bundle.l10n.zh-cn.json lacks or no longer uses.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runtimeMessages } from './messages';

async function main(): Promise<void> {
  const messages = await runtimeMessages();
  const dir = join(repoRoot, 'l10n');
  mkdirSync(dir, { recursive: true });
  const bundle = Object.fromEntries(messages.map((m) => [m, m]));
  writeFileSync(join(dir, 'bundle.l10n.json'), `${JSON.stringify(bundle, null, 2)}\n`);
  console.log(`l10n/bundle.l10n.json: ${messages.length} messages`);
  const chinese = join(dir, 'bundle.l10n.zh-cn.json');
  if (!existsSync(chinese)) return;
  const translated = JSON.parse(readFileSync(chinese, 'utf8')) as Record<string, string>;
  const missing = messages.filter((m) => !(m in translated));
  const unused = Object.keys(translated).filter((m) => !(m in bundle));
  for (const m of missing) console.log(`zh-cn lacks: ${JSON.stringify(m)}`);
  for (const m of unused) console.log(`zh-cn no longer used: ${JSON.stringify(m)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
