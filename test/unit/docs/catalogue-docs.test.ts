// The README sections generated from the engine (scripts/docs/markdown.ts) match the engine,
// and the dialect mapping they are generated from (DIALECT_CALLS) matches what each dialect
// computes: its call names in describeDialect and probabilityLosses, and its mean's denominator.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { README_FILES, SECTIONS, currentSection, sectionText, signatureText, type Language } from '../../../scripts/docs/markdown';
import { CALLS, findCall } from '../../../src/engine/calls/catalogue';
import { analyzeClassification } from '../../../src/engine';
import { describeDialect, probabilityLosses } from '../../../src/engine/dialect';
import { DIALECT_CALLS, type MeanDivisor } from '../../../src/engine/dialect-calls';
import { resolveOptions } from '../../../src/engine/options';
import { DIALECTS, type LabelKind } from '../../../src/report/model';
import { tensor } from '../../../src/tensor';

const root = join(__dirname, '../../..');

describe('README sections generated from the engine', () => {
  for (const language of Object.keys(README_FILES) as Language[]) {
    const readme = readFileSync(join(root, README_FILES[language]), 'utf8');
    for (const section of SECTIONS) {
      test(`${README_FILES[language]}: the ${section} section is up to date`, () => {
        const current = currentSection(readme, section);
        assert.notEqual(current, null, `${README_FILES[language]} lacks the <!-- ${section}:begin --> / <!-- ${section}:end --> markers`);
        assert.ok(current === sectionText(section, language), `${README_FILES[language]}: the ${section} section is out of date; run npm run docs:catalogue`);
      });
    }
  }

  test('the catalogue section lists every call once, with its docs link', () => {
    const text = sectionText('catalogue', 'en');
    for (const entry of CALLS) {
      assert.equal(text.split(`[\`${entry.id}\`](${entry.docs})`).length, 2, entry.id);
    }
  });

  test('signatures write defaults in the call’s language, a class as (constructor)(call)', () => {
    assert.equal(
      signatureText(findCall('torch.nn.CrossEntropyLoss')),
      "(weight=None, size_average=None, ignore_index=-100, reduce=None, reduction='mean', label_smoothing=0)(input, target)",
    );
    assert.equal(
      signatureText(findCall('tf.losses.softmaxCrossEntropy')),
      "(onehotLabels, logits, weights=null, labelSmoothing=0, reduction='SUM_BY_NONZERO_WEIGHTS')",
    );
    // optax.sigmoid_focal_loss(logits, labels, *, alpha=None, gamma=2.0): alpha and gamma are keyword-only.
    assert.equal(signatureText(findCall('optax.sigmoid_focal_loss')), '(logits, labels, *, alpha=None, gamma=2)');
  });
});

describe('DIALECT_CALLS', () => {
  const ids = DIALECTS.flatMap((d) => {
    const calls = DIALECT_CALLS[d];
    return [calls.softmax.indices, calls.softmax.targets, calls.sigmoid, calls.probabilities.softmax, calls.probabilities.sigmoid].filter(
      (id): id is string => id !== null,
    );
  });

  test('every id is the id of a catalogue call', () => {
    const known = new Set(CALLS.map((e) => e.id));
    for (const id of ids) assert.ok(known.has(id), `${id} is not in CALLS`);
  });

  /** `id(` as a whole call name inside `text`. */
  function names(text: string, id: string): boolean {
    return new RegExp(`(^|[^\\w.])${id.replace(/\./g, '\\.')}\\(`).test(text);
  }

  for (const dialect of DIALECTS) {
    test(`${dialect}: describeDialect writes the mapped calls`, () => {
      const calls = DIALECT_CALLS[dialect];
      const options = resolveOptions({ dialect, smoothing: 0 });
      for (const [kind, id] of [
        ['indices', calls.softmax.indices],
        ['one-hot', calls.softmax.targets],
      ] as [LabelKind, string][]) {
        const described = describeDialect(dialect, { options, kind, binary: false, classCount: 3, ignored: 0 });
        assert.ok(names(described.softmaxCall, id), `${described.softmaxCall} should call ${id}`);
        assert.ok(names(described.sigmoidCall, calls.sigmoid), `${described.sigmoidCall} should call ${calls.sigmoid}`);
      }
    });

    test(`${dialect}: probabilityLosses uses the mapped probability-input calls`, () => {
      const calls = DIALECT_CALLS[dialect];
      const targets = new Float64Array([0, 1, 1, 0]);
      const losses = probabilityLosses(dialect, {
        samples: 2,
        columns: 2,
        binary: false,
        p: new Float64Array([0.2, 0.8, 0.5, 0.5]),
        softmaxTargets: targets,
        sigmoidTargets: targets,
        round: (v) => v,
      });
      if (calls.probabilities.sigmoid === null) {
        assert.equal(losses, null);
      } else {
        assert.ok(losses && names(losses.sigmoidCall, calls.probabilities.sigmoid), `${losses?.sigmoidCall} should call ${calls.probabilities.sigmoid}`);
      }
      const softmaxCall = losses?.softmax ? (losses.softmaxCall ?? '') : null;
      if (calls.probabilities.softmax === null) assert.equal(softmaxCall, null);
      else assert.ok(softmaxCall !== null && names(softmaxCall, calls.probabilities.softmax), `${softmaxCall} should call ${calls.probabilities.softmax}`);
    });

    test(`${dialect}: the mean divides by what the mapping says`, () => {
      // Three samples of K = 3 with class weights [2, 0, 0.5], one sample per class: the samples
      // number 3, the elements 9, Σ w[yᵢ] = 2.5, nonzero per-sample weights 2, nonzero
      // per-column weights (w_c on every row) 6.
      const softmaxExpected: Record<MeanDivisor, number> = { samples: 3, elements: 9, 'target-weight-sum': 2.5, 'nonzero-weights': 2 };
      const sigmoidExpected: Record<MeanDivisor, number> = { samples: 3, elements: 9, 'target-weight-sum': 2.5, 'nonzero-weights': 6 };
      const logits = tensor([3, 3], [0.7, 1.2, 0.3, 0.4, 0.2, 0.9, 0.6, 0.3, 0.4]);
      const labels: Record<'indices' | 'targets', ReturnType<typeof tensor>> = {
        indices: tensor([3], [0, 1, 2]),
        targets: tensor([3, 3], [1, 0, 0, 0, 1, 0, 0, 0, 1]),
      };
      const divides = DIALECT_CALLS[dialect].meanDivides;
      for (const form of ['indices', 'targets'] as const) {
        const report = analyzeClassification(logits, labels[form], { dialect, smoothing: 0, reduction: 'mean', classWeights: [2, 0, 0.5] });
        assert.equal(report.denominators?.softmaxCrossEntropy, softmaxExpected[divides.softmax[form]], `${form}: softmax`);
        assert.equal(report.denominators?.sigmoidCrossEntropy, sigmoidExpected[divides.sigmoid], `${form}: sigmoid`);
      }
    });
  }
});
