import { test } from 'node:test';
import { classificationIsSafe, distributionsAreSafe, validInputsAreConsistent } from './properties';

// About 50 000 cases; `npm run fuzz` runs the same properties longer.
test('any logits, labels and options give a report or an InputError, and non-finite losses are explained', () => classificationIsSafe({ numRuns: 30_000 }));
test('valid batches: softmax rows sum to 1 and losses are finite, ≥ 0 and −log p', () => validInputsAreConsistent({ numRuns: 10_000 }));
test('distributions and likelihood on anything: a report or an InputError; CE = H + KL', () => distributionsAreSafe({ numRuns: 10_000 }));
