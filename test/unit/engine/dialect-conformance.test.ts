/** The dialect shortcuts against the call catalogue (the property is in dialect-conformance.ts, with what it leaves out and why). */
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DIALECTS } from '../../../src/report/model';
import { batch, conforms, conformsForProbabilities, probabilityBatch } from './dialect-conformance';

describe('dialect shortcuts agree with the call catalogue', () => {
  for (const dialect of DIALECTS) {
    it(`${dialect}: reduced and unreduced losses on random batches`, () => {
      fc.assert(
        fc.property(batch, (b) => conforms(b, dialect)),
        { numRuns: 200 },
      );
    });
  }
});

describe('dialect shortcuts for probability and log-probability inputs agree with the call catalogue', () => {
  for (const dialect of DIALECTS) {
    it(`${dialect}: the probability-input calls on random batches`, () => {
      fc.assert(
        fc.property(probabilityBatch, (b) => conformsForProbabilities(b, dialect)),
        { numRuns: 200 },
      );
    });
  }
});
