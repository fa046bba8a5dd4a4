// Every user-visible string has an English source and a Simplified Chinese translation: the
// manifest's (package.json → package.nls*.json) and the runtime ones (vscode.l10n.t and the
// calculator's table → l10n/bundle.l10n*.json). Run `npm run l10n` after adding a message.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot, runtimeMessages } from '../../../scripts/l10n/messages';

const readJson = (path: string) => JSON.parse(readFileSync(join(repoRoot, path), 'utf8')) as Record<string, unknown>;
const manifest = readJson('package.json');
const nls = readJson('package.nls.json') as Record<string, string>;
const nlsChinese = readJson('package.nls.zh-cn.json') as Record<string, string>;
const bundle = readJson('l10n/bundle.l10n.json') as Record<string, string>;
const bundleChinese = readJson('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;

/** Manifest fields VS Code shows to users. */
const VISIBLE_FIELDS = new Set([
  'description',
  'markdownDescription',
  'title',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'deprecationMessage',
  'markdownDeprecationMessage',
  'label',
  'category',
]);
/** Proper nouns that read the same in every language. */
const LITERAL_ALLOWED = new Map([
  ['contributes.commands[].category', 'Loss Lens'],
  ['contributes.configuration.title', 'Loss Lens'],
]);

function visibleStrings(value: unknown, path: string, out: { path: string; text: string }[]): void {
  if (Array.isArray(value)) {
    for (const item of value) visibleStrings(item, `${path}[]`, out);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, field] of Object.entries(value)) {
    const fieldPath = path ? `${path}.${key}` : key;
    // Settings are keyed by id under `properties`; their names are not text.
    if (VISIBLE_FIELDS.has(key) && typeof field === 'string') out.push({ path: fieldPath, text: field });
    else if (VISIBLE_FIELDS.has(key) && Array.isArray(field) && field.every((f) => typeof f === 'string')) {
      for (const text of field) out.push({ path: `${fieldPath}[]`, text });
    } else visibleStrings(field, fieldPath, out);
  }
}

/** `{0}`-style placeholders, sorted, so a translation may reorder them. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
}

/** Markdown code spans: identifiers and formulas that must stay as written. */
function codeSpans(text: string): string[] {
  return [...text.matchAll(/`[^`]+`/g)].map((m) => m[0]).sort();
}

function assertSameKeys(english: Record<string, unknown>, chinese: Record<string, unknown>, what: string): void {
  const missing = Object.keys(english).filter((k) => !(k in chinese));
  const unused = Object.keys(chinese).filter((k) => !(k in english));
  assert.deepEqual(missing, [], `${what}: keys without a Chinese translation`);
  assert.deepEqual(unused, [], `${what}: Chinese keys with no English source`);
}

function assertTranslations(english: Record<string, string>, chinese: Record<string, string>, source: (key: string) => string): void {
  for (const key of Object.keys(english)) {
    const translated = chinese[key];
    assert.equal(typeof translated, 'string', key);
    assert.ok(translated.trim() !== '', `empty translation for ${JSON.stringify(key)}`);
    assert.deepEqual(placeholders(translated), placeholders(source(key)), `placeholders of ${JSON.stringify(key)}`);
    assert.deepEqual(codeSpans(translated), codeSpans(source(key)), `code spans of ${JSON.stringify(key)}`);
  }
}

test('every user-visible manifest string is a %key% of package.nls.json, or an allowed proper noun', () => {
  const found: { path: string; text: string }[] = [];
  visibleStrings({ description: manifest.description, contributes: manifest.contributes }, '', found);
  assert.ok(found.length > 20, `found ${found.length} visible strings`);
  const literal = found.filter(({ path, text }) => !/^%[^%]+%$/.test(text) && LITERAL_ALLOWED.get(path) !== text);
  assert.deepEqual(literal, [], 'literal user-visible strings in package.json');
  const referenced = new Set(found.flatMap(({ text }) => /^%([^%]+)%$/.exec(text)?.[1] ?? []));
  for (const key of referenced) assert.ok(key in nls, `package.nls.json lacks ${key}`);
  const unused = Object.keys(nls).filter((key) => !referenced.has(key));
  assert.deepEqual(unused, [], 'package.nls.json keys that package.json does not use');
});

test('package.nls.zh-cn.json translates every manifest string, keeping placeholders and code', () => {
  assertSameKeys(nls, nlsChinese, 'package.nls.zh-cn.json');
  assertTranslations(nls, nlsChinese, (key) => nls[key]);
});

test('l10n/bundle.l10n.json holds exactly the messages the source passes to vscode.l10n.t', async () => {
  const messages = await runtimeMessages();
  assert.ok(messages.length > 150, `found ${messages.length} messages`);
  assert.ok(messages.includes('Open in Calculator'), 'a hover link');
  assert.ok(messages.includes('Loss Lens Calculator'), "the calculator's panel title (from its string table)");
  assert.ok(messages.includes('softmax CE'), "the hover tables' labels");
  assert.deepEqual(Object.keys(bundle), messages, 'bundle.l10n.json is stale: run `npm run l10n`');
  for (const [key, value] of Object.entries(bundle)) assert.equal(value, key);
  assert.equal(manifest.l10n, './l10n');
});

test('l10n/bundle.l10n.zh-cn.json translates every runtime message, keeping placeholders and code', () => {
  assertSameKeys(bundle, bundleChinese, 'bundle.l10n.zh-cn.json');
  assertTranslations(bundle, bundleChinese, (key) => key);
});
