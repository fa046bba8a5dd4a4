/**
 * The code reader, loaded on first use: activation and literal hovers do not parse the Lezer
 * grammars; the build puts the reader in its own file (dist/lazy-reader.js).
 */
type Reader = typeof import('./reader');

let loaded: Reader | undefined;

export function reader(): Reader {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require: the build turns it into dist/lazy-reader.js
  loaded ??= require('./reader') as Reader;
  return loaded;
}
