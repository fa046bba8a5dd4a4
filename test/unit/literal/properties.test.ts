import { test } from 'node:test';
import { anyTextIsSafe, documentsAreScanned, formatRoundTrip, numbersAreCorrectlyRounded, spellingsAgree } from './properties';

// Run counts add up to about 25 000 cases; `npm run fuzz` runs the same properties longer.
test('format then parse is the identity, bit for bit', () => formatRoundTrip({ numRuns: 1500 }));
test('every spelling and layout of a tensor parses to it', () => spellingsAgree({ numRuns: 1500 }));
test('numbers are read exactly as Number() reads them', () => numbersAreCorrectlyRounded({ numRuns: 1500 }));
test('arbitrary text only ever gives InputError, and found ranges re-parse', () => anyTextIsSafe({ numRuns: 6000 }));
test('literals among code are all found, named, and found again by literalAt', () => documentsAreScanned({ numRuns: 300 }));
