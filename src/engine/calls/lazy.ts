/**
 * The catalogue, loaded on first use: the extension activates without evaluating its entries,
 * and the build puts it in its own file (dist/lazy-catalogue.js, scripts/build.mjs), so a hover
 * that asks for no framework call pays nothing for them.
 */
type Catalogue = typeof import('./catalogue');

let loaded: Catalogue | undefined;

export function catalogue(): Catalogue {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require: the build turns it into dist/lazy-catalogue.js
  loaded ??= require('./catalogue') as Catalogue;
  return loaded;
}
