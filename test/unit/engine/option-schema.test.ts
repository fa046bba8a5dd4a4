import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InputError } from '../../../src/errors';
import { checkOption, isValidOption, OPTION_SCHEMA } from '../../../src/engine/option-schema';

interface SettingSchema {
  readonly type: string;
  readonly default: unknown;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMaximum?: number;
}

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, SettingSchema> } };
};
const settings = manifest.contributes.configuration.properties;

describe('the option schema', () => {
  it('is what package.json declares for every setting it backs: type, default, enum and range', () => {
    for (const spec of OPTION_SCHEMA) {
      if (!spec.setting) continue;
      const setting = settings[`lossLens.${spec.setting.key}`];
      assert.ok(setting, `lossLens.${spec.setting.key} is declared`);
      assert.deepEqual(setting.default, spec.setting.default, `${spec.name} default`);
      const type = spec.type;
      switch (type.kind) {
        case 'choice':
          assert.equal(setting.type, 'string');
          assert.deepEqual(setting.enum, type.values, `${spec.name} enum`);
          break;
        case 'boolean':
          assert.equal(setting.type, 'boolean');
          break;
        case 'number':
          assert.equal(setting.type, 'number');
          assert.equal(setting.minimum, type.min, `${spec.name} minimum`);
          assert.equal(type.maxExclusive ? setting.exclusiveMaximum : setting.maximum, type.max, `${spec.name} maximum`);
          break;
        default:
          assert.fail(`${spec.name}: a setting of kind ${type.kind} has no check here`);
      }
      assert.ok(isValidOption(spec.name, spec.setting.default), `${spec.name}: the setting's default is valid`);
    }
  });

  it('names the option and its input in errors', () => {
    assert.throws(
      () => checkOption('smoothing', 1),
      (e: unknown) =>
        e instanceof InputError && e.input === 'smoothing' && e.argument === 'smoothing' && /label smoothing ε must be in \[0, 1\); got 1/.test(e.message),
    );
    assert.throws(
      () => checkOption('input', 'probs'),
      (e: unknown) => e instanceof InputError && e.input === 'options' && e.argument === 'input',
    );
    assert.throws(
      () => checkOption('precisionDigits', 1001),
      (e: unknown) => e instanceof InputError && /from 1 to 1000/.test(e.message),
    );
    assert.equal(checkOption('ignoreIndex', -100), -100);
  });
});
