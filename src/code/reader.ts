/**
 * The code reader's entry point for the editor. It is bundled on its own (dist/lazy-reader.js,
 * scripts/build.mjs) with the Lezer parsers, and loaded on first use by lazy.ts.
 */
export { CodeDocuments } from './documents';
export { assertionEdits } from './assertion';
