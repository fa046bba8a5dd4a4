import { test } from 'node:test';
import { garbageIsSafe } from './garbage';

// 30 000 cases here (about 2 s); `npm run fuzz` runs many more.
test('garbage through every parser entry point gives only located InputErrors, and what parses round-trips', () => garbageIsSafe({ numRuns: 30_000 }));
