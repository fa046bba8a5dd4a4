import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../../src/errors';

describe('InputError', () => {
  it('is recognised across copies of its module, as the lazily loaded catalogue bundle has one', () => {
    const path = require.resolve('../../../src/errors');
    const cached = require.cache[path];
    delete require.cache[path];
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a second, separate evaluation of the module on purpose
      const copy = require('../../../src/errors') as typeof import('../../../src/errors');
      assert.notEqual(copy.InputError, InputError, 'a second copy of the class');
      const fromCopy = new copy.InputError('target[1] = 5 is out of bounds', undefined, 'labels', 1, 'target');
      assert.ok(fromCopy instanceof InputError);
      assert.ok(new InputError('x') instanceof copy.InputError);
      assert.ok(!(new Error('x') instanceof InputError));
      const lookalikes: unknown[] = [null, { name: 'InputError' }];
      for (const value of lookalikes) assert.ok(!(value instanceof InputError));
    } finally {
      if (cached) require.cache[path] = cached;
    }
  });
});
