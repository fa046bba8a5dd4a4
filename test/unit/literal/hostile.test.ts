// Hostile expressions: known mathjs sandbox escapes (the security guide's risky functions, the
// 2017 issues #821/#822, CVE-2024 import/createUnit/reviver, CVE-2026-40897's array setter and
// CVE-2026-41139's index getter, property access on functions, constructor, __proto__ and
// toString chains) sent through every place a user types arithmetic: literal elements, the
// calculator's option fields and the CLI. None may run JavaScript or change the mathjs instance;
// each payload carries a canary that would flip a global if it ever ran.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { inspect } from 'node:util';
import { InputError } from '../../../src/errors';
import { findLiterals, literalAt, parseLiteral } from '../../../src/literal';
import { evaluateExpression, evaluateInSandbox } from '../../../src/literal/expression';
import { LiteralFailure } from '../../../src/literal/failure';
import { DEFAULT_OPTIONS } from '../../../src/engine/options';
import { CalculatorSession, completeForm, resolveOptions } from '../../../src/vscode/calculator/compute';
import type { OptionsForm } from '../../../src/vscode/calculator/protocol';

const CANARY = '__lossLensCanary';
const RUN = `globalThis.${CANARY} = 1`;

const PAYLOADS = [
  // The functions the security guide lists, called and smuggled.
  `import({cos: cos.constructor}, {override: true})`,
  `import({matrix: cos.constructor}, {override: 1}); x = ["${RUN}"]; x()`,
  `createUnit("x", "${RUN}")`,
  `config({number: "BigNumber"})`,
  `evaluate("cos.constructor('${RUN}')()")`,
  `parse("1").compile().evaluate()`,
  `compile("1").evaluate()`,
  `f = evaluate; f("1")`,
  `g = import; g({}, {})`,
  `reviver("a", {mathjs: "Unit", value: 1, unit: "m"})`,
  `simplify("x")`,
  `derivative("x^2", "x")`,
  `resolve(1)`,
  `chain(1)`,
  `typed("x", {"number": cos})`,
  `help(cos)`,
  `parser()`,
  // Function constructors through property access, in every spelling.
  `cos.constructor("${RUN}")()`,
  `cos["constructor"]("${RUN}")()`,
  `cos["con" + "structor"]("${RUN}")()`,
  `cos["\\u0063onstructor"]("${RUN}")()`,
  `f = cos; f.constructor("${RUN}")()`,
  `[].constructor.constructor("${RUN}")()`,
  `"".constructor.constructor("${RUN}")()`,
  `"".toString.constructor("${RUN}")()`,
  `cos.toString.constructor("${RUN}")()`,
  `sqrt.toString()`,
  `(1).constructor.constructor("${RUN}")()`,
  `pi.constructor.constructor("${RUN}")()`,
  `cos.bind`,
  `cos.apply(null, [1])`,
  `cos.call(null, 1)`,
  `cos.name`,
  `cos.__proto__`,
  `{}.__proto__`,
  `x = {}; x.__proto__.polluted = 1`,
  `x = {}; x["__proto__"]["polluted"] = 1`,
  `{}.constructor.assign(cos.constructor, {binding: cos.bind}); cos.constructor.binding()("${RUN}")()`,
  // mathjs issue #821.
  `["//", "a/*\\nreturn globalThis"]._data.map(cos.constructor)[1]()`,
  `a = ["${RUN}"]._data; a.isRange = true; x = {subset: cos.constructor}[a]; x()`,
  // CVE-2026-40897: non-index properties set on an array to hijack its map.
  `a = [1, 2]; a.map = cos.constructor; a + 1`,
  `a = [1]; a["map"] = cos.constructor; sqrt(a)`,
  // CVE-2026-41139: an object with length/reduce used as a matrix index.
  `m = [1, 2]; m[{length: 1, reduce: cos.constructor}]`,
  `[1, 2][{length: 1, reduce: cos.constructor, valueOf: cos.constructor}]`,
  // Names of the JavaScript world.
  `Function("${RUN}")()`,
  `globalThis`,
  `process.exit(1)`,
  `require("child_process")`,
  `this`,
  `eval("1")`,
  `setTimeout("${RUN}", 0)`,
  // Assignment, definitions and other non-arithmetic syntax.
  `x = 1`,
  `f(x) = x`,
  `a -> 1`,
  `1 ? 2 : 3`,
  `"abc"`,
  `5 cm`,
  `1; 2`,
];

function canaryIsSilent(): void {
  assert.equal((globalThis as Record<string, unknown>)[CANARY], undefined, 'a payload ran JavaScript');
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
}

/** The sandbox still does arithmetic and still refuses what it refused before. */
function sandboxIsIntact(): void {
  assert.equal(evaluateInSandbox('sqrt(16) + 2^-1'), 4.5);
  assert.equal(evaluateInSandbox('cos(0)'), 1);
  for (const name of ['import', 'createUnit', 'config', 'evaluate', 'parse', 'compile', 'reviver']) {
    assert.throws(() => evaluateInSandbox(`${name}("1")`), new RegExp(`${name} is disabled|Undefined function|Unexpected`), name);
  }
  assert.throws(() => evaluateInSandbox('x'), /Undefined symbol x/, 'no assignment survives an evaluation');
  assert.throws(() => evaluateInSandbox('f(1)'), /Undefined function f/);
}

after(canaryIsSilent);

describe('hostile expressions', () => {
  test('layer 2 alone (mathjs without the tokenizer): no payload runs or leaves a trace', () => {
    for (const payload of PAYLOADS) {
      let result: unknown;
      try {
        result = evaluateInSandbox(payload);
      } catch {
        continue;
      }
      // A mathjs function value (`cos`, or what `typed` builds from one) is harmless data here;
      // JavaScript's own constructors and globals must be out of reach.
      for (const forbidden of [Function, Object, globalThis, process, eval]) assert.notEqual(result, forbidden, payload);
      canaryIsSilent();
    }
    sandboxIsIntact();
  });

  test('the tokenizer turns every payload away before mathjs', () => {
    for (const payload of PAYLOADS) {
      const result = evaluateExpression(payload, 0, payload.length, 32);
      assert.ok(result instanceof LiteralFailure, `${payload} → ${inspect(result)}`);
    }
    canaryIsSilent();
  });

  test('as literal elements: an InputError, never a literal, from every entry point', () => {
    // In brackets, `1; 2` is a MATLAB column, a literal and no payload.
    for (const payload of PAYLOADS.filter((p) => p !== '1; 2')) {
      for (const text of [`[${payload}]`, `[1, ${payload}]`, `np.array([[${payload}, 2]])`, `[float(${payload})]`]) {
        assert.throws(() => parseLiteral(text), InputError, text);
        // A list inside the payload may be a literal of its own; the element's literal is not.
        assert.ok(
          findLiterals(`x = ${text}\n`).every((literal) => literal.start !== 4),
          text,
        );
        const hovered = literalAt(text, text.indexOf(payload));
        assert.ok(hovered === undefined || hovered instanceof InputError || hovered.start > 0, text);
      }
    }
    canaryIsSilent();
    sandboxIsIntact();
  });

  test("in the calculator's option fields and literals: input errors on the field", () => {
    /** The engine's defaults (ε = 0, tf, mean) as the calculator's form. */
    const form: OptionsForm = completeForm(DEFAULT_OPTIONS);
    const session = new CalculatorSession();
    for (const payload of PAYLOADS) {
      for (const field of ['smoothing', 'classWeights', 'posWeight', 'ignoreIndex', 'precisionDigits'] as const) {
        const resolved = resolveOptions({ ...form, [field]: payload });
        assert.ok('errors' in resolved, `${field}: ${payload}`);
        assert.equal(resolved.errors[0].field, field);
      }
      const reply = session.respond({ type: 'evaluate', id: 1, logits: `[[${payload}, 1]]`, labels: '[0]', options: form });
      assert.equal(reply.type, 'inputErrors', payload);
      const likelihood = session.respond({ type: 'likelihood', id: 2, outcomes: '[1, 0]', theta: payload });
      assert.equal(likelihood.type, 'inputErrors', payload);
    }
    canaryIsSilent();
    sandboxIsIntact();
  });

  test('through the CLI: exit 2 with a JSON error for each payload', () => {
    const cli = join(__dirname, '../../../dist/cli.js');
    // One process for a sample of payloads keeps this quick; the in-process tests cover them all.
    for (const payload of PAYLOADS.filter((_, i) => i % 6 === 0)) {
      const result = spawnSync(process.execPath, [cli, '--logits', `[[${payload}, 1]]`, '--labels', '[0]', '--json'], { encoding: 'utf8' });
      assert.equal(result.status, 2, `${payload}: ${result.stdout}${result.stderr}`);
      assert.equal((JSON.parse(result.stdout) as { error: { input: string } }).error.input, 'logits');
    }
  });
});
