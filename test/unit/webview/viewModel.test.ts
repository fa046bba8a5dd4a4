import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asGrid, buildClassificationView, buildDistributionsView, buildLikelihoodView, MAX_ROWS } from '../../../src/webview/viewModel';
import { analyzeClassification } from '../../../src/engine';
import { toPlain } from '../../../src/vscode/calculator/wire';
import { tensor } from '../../../src/tensor';
import { seedReport, strings } from './fixtures';

describe('buildClassificationView', () => {
  const view = buildClassificationView(seedReport(), strings, 5);
  const table = (id: string) => {
    const found = view.tables.find((t) => t.id === id);
    assert.ok(found, `table ${id}`);
    return found;
  };

  it('shows the seed tables in order, skipping sigmoid targets equal to the smoothed labels', () => {
    assert.deepEqual(
      view.tables.map((t) => t.id),
      ['softmax', 'oneHot', 'smoothed', 'sigmoidCe', 'softmaxCe', 'gradient'],
    );
    assert.equal(table('smoothed').caption, 'Smoothed labels y(1−ε) + ε/K, ε = 0.1');
  });

  it('formats cells to the digits shown and gives the exact value on hover', () => {
    const softmax = table('softmax');
    assert.deepEqual(
      softmax.rows[0].map((c) => c.text),
      ['0.30129', '0.49675', '0.20196'],
    );
    assert.equal(table('sigmoidCe').rows[0][0].title, '1.0798527155521245');
    assert.equal(table('smoothed').rows[0][1].text, '0.93333');
    assert.equal(table('smoothed').rows[0][0].text, '0.033333');
  });

  it('marks the argmax and the true class, and says so to screen readers', () => {
    const softmax = table('softmax');
    const cell = softmax.rows[0][1];
    assert.equal(cell.argmax, true);
    assert.equal(cell.trueClass, true);
    assert.equal(cell.ariaLabel, 'Softmax p = softmax(x), sample 0, class 1: 0.49675 (argmax, true class)');
    assert.equal(cell.title, `${cell.value} (argmax, true class)`);
    // Row 2: label 0, but softmax argmax is class 0 as well; row 1: label 2, argmax 2.
    assert.deepEqual(
      softmax.rows.map((row) => row.findIndex((c) => c.trueClass)),
      [1, 2, 0],
    );
    assert.deepEqual(
      softmax.rows.map((row) => row.findIndex((c) => c.argmax)),
      [1, 2, 0],
    );
    assert.equal(
      table('oneHot').rows[0].some((c) => c.argmax),
      false,
    );
  });

  it('targets the right derivation for each clickable cell', () => {
    assert.deepEqual(table('softmax').rows[2][1].target, { quantity: 'softmax', index: [2, 1] });
    assert.deepEqual(table('smoothed').rows[1][0].target, { quantity: 'smoothedLabel', index: [1, 0] });
    assert.deepEqual(table('sigmoidCe').rows[0][2].target, { quantity: 'sigmoidCrossEntropy', index: [0, 2] });
    assert.deepEqual(table('softmaxCe').rows[1][0].target, { quantity: 'softmaxCrossEntropy', index: [1] });
    assert.equal(table('oneHot').rows[0][0].target, undefined);
  });

  it('puts smoothed CE, hard CE and entropy side by side per sample', () => {
    const ce = table('softmaxCe');
    assert.deepEqual(ce.columnHeaders, ['CE vs targets', 'CE vs one-hot', 'H(p)']);
    assert.equal(ce.rows[0][1].text, '0.69968');
    assert.equal(ce.rows[0][1].title, String(seedReport().softmaxCrossEntropyHard[0]));
    assert.equal(ce.scale, 'magnitude');
    assert.equal(ce.extent, Math.max(...ce.rows.flat().map((c) => c.value)));
  });

  it('drops the hard-CE column and the smoothed table when ε = 0', () => {
    const plain = buildClassificationView(seedReport({ smoothing: 0 }), strings, 5);
    assert.equal(
      plain.tables.some((t) => t.id === 'smoothed'),
      false,
    );
    assert.deepEqual(plain.tables.find((t) => t.id === 'softmaxCe')!.columnHeaders, ['CE vs targets', 'H(p)']);
  });

  it('summarises shape, label kind and the dialect reduction', () => {
    assert.equal(view.summary, '3 samples × 3 classes; labels read as class indices; TensorFlow (tf.nn), reduction=mean');
    assert.deepEqual(view.reductions.columnHeaders, ['Loss', 'mean', 'sum', 'TensorFlow (tf.nn), reduction=mean']);
    assert.equal(view.reductions.rows[0].label, 'Softmax cross-entropy');
    const report = seedReport();
    assert.equal(view.reductions.rows[1].cells[1].title, String(report.sum.sigmoidCrossEntropy));
  });

  it('links diagnostics that point at an element to its cell', () => {
    const report = {
      ...seedReport(),
      diagnostics: [
        { severity: 'warning' as const, code: 'probabilities-as-logits', message: 'Rows sum to 1.', input: 'logits' as const, index: [1, 2], cell: [1, 2] },
        { severity: 'info' as const, code: 'general', message: 'Note.' },
        { severity: 'error' as const, code: 'off-grid', message: 'Far away.', input: 'logits' as const, index: [99, 0], cell: [99, 0] },
      ],
    };
    const items = buildClassificationView(report, strings, 5).diagnostics;
    assert.deepEqual(items[0].cell, { table: 'softmax', row: 1, column: 2 });
    assert.equal(items[0].severityLabel, 'Warning');
    assert.equal(items[1].cell, undefined);
    assert.equal(items[2].cell, undefined);
  });

  it('highlights the table cell of an N-D element, not its tensor index (issue 11, bug 6)', () => {
    // logits [2, 2, 3], classes last: sample (1, 1) is row 1·2 + 1 = 3 of the [4, 3] table, class 2 its column 2.
    const logits = tensor([2, 2, 3], [0.1, 0.2, 0.3, 1, 2, 3, -1, 0, 1, 0.5, 0.5, NaN]);
    const report = analyzeClassification(logits, tensor([2, 2], [0, 1, 2, 0]));
    const nan = report.diagnostics.find((d) => d.code === 'non-finite-input');
    assert.deepEqual(nan?.index, [1, 1, 2]);
    assert.deepEqual(nan?.cell, [3, 2]);
    const items = buildClassificationView(toPlain(report), strings, 5).diagnostics;
    assert.deepEqual(items.find((item) => item.code === 'non-finite-input')?.cell, { table: 'softmax', row: 3, column: 2 });
  });

  it('caps huge tables and says what was left out', () => {
    const rows = MAX_ROWS + 20;
    const base = seedReport();
    const big = {
      ...base,
      batchSize: rows,
      softmax: { shape: [rows, 3], data: Array.from({ length: rows * 3 }, () => 1 / 3) },
      argmax: Array.from({ length: rows }, () => 0),
    };
    const softmax = buildClassificationView(big, strings, 5).tables.find((t) => t.id === 'softmax')!;
    assert.equal(softmax.rows.length, MAX_ROWS);
    assert.equal(softmax.truncation, `Showing ${MAX_ROWS} of ${rows} rows and 3 of 3 columns.`);
  });

  it('shows non-finite losses as text, not as a blank', () => {
    const base = seedReport();
    const report = { ...base, softmaxCrossEntropy: [Infinity, 1, NaN] };
    const ce = buildClassificationView(report, strings, 5).tables.find((t) => t.id === 'softmaxCe')!;
    assert.equal(ce.rows[0][0].text, 'inf');
    assert.equal(ce.rows[0][0].title, 'Infinity');
    assert.equal(ce.rows[2][0].text, 'nan');
    assert.equal(ce.extent, Math.max(1, ...ce.rows.flatMap((r) => r.slice(1).map((c) => c.value))));
  });

  it('shows the BigNumber check next to float64 when precision digits are set', () => {
    const base = seedReport({ precisionDigits: 30 });
    const report = {
      ...base,
      precision: {
        digits: 30,
        softmaxCrossEntropy: ['0.746342647876514731812731103102', '0.783420037142309786492534824237', '0.956532883373098838446101339186'],
        sigmoidCrossEntropy: [],
        maxRelativeError: 2.3e-16,
      },
    };
    const precision = buildClassificationView(report, strings, 5).precision!;
    assert.equal(precision.heading, 'BigNumber check (30 digits)');
    assert.equal(precision.maxError, 'Largest relative error of float64: 2.3e-16');
    assert.deepEqual(precision.columnHeaders, ['Loss', 'float64', 'BigNumber']);
    assert.equal(precision.rows[1].label, 'Softmax cross-entropy, sample 1');
    assert.equal(precision.rows[1].bigNumber, '0.783420037142309786492534824237');
    assert.equal(precision.rows[1].float64.title, String(base.softmaxCrossEntropy[1]));
    assert.equal(buildClassificationView(seedReport(), strings, 5).precision, undefined);
  });

  it('reads rank 1 tensors as one column and higher ranks as rows of the last axis', () => {
    const column = asGrid({ shape: [3], data: [1, 2, 3] });
    assert.equal(column.rows, 3);
    assert.equal(column.columns, 1);
    assert.equal(column.at(2, 0), 3);
    const cube = asGrid({ shape: [2, 2, 2], data: [0, 1, 2, 3, 4, 5, 6, 7] });
    assert.equal(cube.rows, 4);
    assert.equal(cube.at(3, 1), 7);
  });
});

describe('theory views', () => {
  it('lists entropy, cross-entropy and KL in nats with a p/q heat table', () => {
    const view = buildDistributionsView(
      {
        kind: 'distributions',
        rows: 1,
        outcomes: 2,
        normalization: 'none',
        p: [0.5, 0.5],
        q: [0.25, 0.75],
        entropy: Math.LN2,
        crossEntropy: 0.8630462173553426,
        klDivergence: 0.1698990367953974,
        perRow: { entropy: [Math.LN2], crossEntropy: [0.8630462173553426], klDivergence: [0.1698990367953974] },
        diagnostics: [],
      },
      strings,
      4,
    );
    assert.deepEqual(
      view.figures.map((f) => [f.label, f.text]),
      [
        ['Entropy H(p)', '0.6931 nats'],
        ['Cross-entropy H(p, q)', '0.863 nats'],
        ['KL divergence KL(p‖q)', '0.1699 nats'],
      ],
    );
    assert.deepEqual(view.table.rowHeaders, ['p', 'q']);
    assert.equal(view.table.rows[1][1].ariaLabel, 'p and q, q, class 1: 0.75');
  });

  it('gives n, k, θ̂, log L and the binomial probability', () => {
    const view = buildLikelihoodView(
      {
        kind: 'likelihood',
        trials: 10,
        successes: 6,
        mle: 0.6,
        logLikelihood: -6.730116670092565,
        theta: 0.6,
        probability: 0.25082265599999987,
        curve: { theta: [0.5], logLikelihood: [-6.931471805599453] },
        diagnostics: [],
      },
      strings,
      4,
    );
    assert.deepEqual(
      view.figures.map((f) => [f.label, f.text]),
      [
        ['Trials n', '10'],
        ['Successes k', '6'],
        ['θ̂ = k / n', '0.6'],
        ['log L(θ̂)', '-6.73'],
        ['P(k = 6 | n = 10, θ = 0.6)', '0.2508'],
      ],
    );
  });
});
