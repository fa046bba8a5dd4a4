import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_OPTIONS } from '../../../src/engine/options';
import { completeForm } from '../../../src/vscode/calculator/compute';
import type { OptionsForm } from '../../../src/vscode/calculator/protocol';
import { applyPrefill, EXAMPLE_INPUTS, initialState, restoreState } from '../../../src/webview/state';

/** The form for the extension's default settings: ε = 0.1 (`lossLens.labelSmoothing`), tf, mean. */
const defaults: OptionsForm = completeForm({ ...DEFAULT_OPTIONS, smoothing: 0.1 });

describe('calculator state', () => {
  it('starts from the article example and the settings', () => {
    const state = initialState(defaults, 30);
    assert.equal(state.logits, EXAMPLE_INPUTS.logits);
    assert.equal(state.labels, '[1, 2, 0]');
    assert.equal(state.displayDigits, 17);
    assert.equal(state.tab, 'results');
  });

  it('restores a saved state and repairs each bad field on its own', () => {
    const saved = {
      ...initialState(defaults, 5),
      logits: '[[1, 2]]',
      tab: 'compare',
      selection: { quantity: 'softmax', index: [0, 1] },
      options: { ...defaults, dialect: 'pytorch' },
      source: 'model.py:3',
    };
    const restored = restoreState(JSON.parse(JSON.stringify(saved)), defaults, 5);
    assert.deepEqual(restored, saved);

    const damaged = restoreState(
      { ...saved, tab: 'nope', displayDigits: 99, options: { dialect: 'jax' }, selection: { quantity: 'x' }, labels: 7 },
      defaults,
      5,
    );
    assert.equal(damaged.tab, 'results');
    assert.equal(damaged.displayDigits, 5);
    assert.deepEqual(damaged.options, defaults);
    assert.equal(damaged.selection, undefined);
    assert.equal(damaged.labels, EXAMPLE_INPUTS.labels);
    assert.equal(damaged.logits, '[[1, 2]]');
  });

  it('ignores state of another version or shape', () => {
    assert.deepEqual(restoreState(undefined, defaults, 5), initialState(defaults, 5));
    assert.deepEqual(restoreState({ version: 2, logits: 'x' }, defaults, 5), initialState(defaults, 5));
  });

  it('applies editor literals and options, drops the old selection, keeps the rest', () => {
    const state = { ...initialState(defaults, 5), tab: 'likelihood' as const, selection: { quantity: 'softmax' as const, index: [0, 0] }, outcomes: '[1]' };
    const next = applyPrefill(state, { logits: '[0.2, 0.8]', options: { dialect: 'keras', smoothing: '0' } }, 'a.py:4');
    assert.equal(next.logits, '[0.2, 0.8]');
    assert.equal(next.labels, state.labels);
    assert.equal(next.options.dialect, 'keras');
    assert.equal(next.options.smoothing, '0');
    assert.equal(next.options.reduction, 'mean');
    assert.equal(next.selection, undefined);
    assert.equal(next.tab, 'results');
    assert.equal(next.outcomes, '[1]');
    assert.equal(next.source, 'a.py:4');
  });
});
