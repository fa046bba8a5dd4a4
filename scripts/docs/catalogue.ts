// `npm run docs:catalogue`: rewrites the README sections generated from the engine (the call
// catalogue and the dialect table, scripts/docs/markdown.ts) in README.md and README.zh-CN.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { README_FILES, updatedReadme, type Language } from './markdown';

const root = join(__dirname, '..', '..');

for (const language of Object.keys(README_FILES) as Language[]) {
  const path = join(root, README_FILES[language]);
  const before = readFileSync(path, 'utf8');
  const after = updatedReadme(before, language);
  if (after === before) {
    console.log(`${README_FILES[language]}: up to date`);
  } else {
    writeFileSync(path, after);
    console.log(`${README_FILES[language]}: rewritten`);
  }
}
