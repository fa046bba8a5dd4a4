// The bad-input catalogue through the parser and engine (as the CLI and the editor call them)
// and through the calculator host's compute step.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeClassification, analyzeDistributions } from '../../../src/engine';
import { InputError, type InputName } from '../../../src/errors';
import { locateInputError, parseLiteral } from '../../../src/literal';
import type { ClassificationReport, Report } from '../../../src/report/model';
import { DEFAULT_OPTIONS } from '../../../src/engine/options';
import { CalculatorSession, completeForm } from '../../../src/vscode/calculator/compute';
import type { HostMessage, OptionsForm } from '../../../src/vscode/calculator/protocol';
import { CATALOGUE, inputsOf, textOf, type BadInputCase, type ExpectedDiagnostic } from './bad-input';

/** The engine's defaults (ε = 0, tf, mean) as the calculator's form. */
const FORM: OptionsForm = completeForm(DEFAULT_OPTIONS);

/** What the CLI does: parse each input (naming it), run the engine, locate its errors in the input's text. */
function analyze(testCase: BadInputCase): Report {
  const inputs = inputsOf(testCase);
  const parse = (input: InputName, text: string) => {
    try {
      return parseLiteral(text).tensor;
    } catch (error) {
      if (error instanceof InputError) throw new InputError(error.message, error.location, input);
      throw error;
    }
  };
  try {
    if ('p' in inputs) return analyzeDistributions(parse('p', inputs.p), parse('q', inputs.q));
    const classWeights = testCase.options?.classWeights;
    return analyzeClassification(parse('logits', inputs.logits), parse('labels', inputs.labels), {
      smoothing: Number(testCase.options?.smoothing ?? 0),
      ...(classWeights ? { classWeights: Array.from(parse('weights', classWeights).data) } : {}),
    });
  } catch (error) {
    if (error instanceof InputError && error.input && !error.location) throw locateInputError(error, textOf(testCase, error.input));
    throw error;
  }
}

function hasDiagnostics(diagnostics: ClassificationReport['diagnostics'], expected: readonly ExpectedDiagnostic[]): void {
  for (const want of expected) {
    const found = diagnostics.find((d) => d.code === want.code && (want.input === undefined || d.input === want.input));
    assert.ok(found, `no ${want.code} in ${JSON.stringify(diagnostics)}`);
    assert.equal(found.severity, want.severity, want.code);
    if (want.index) assert.deepEqual(found.index, want.index, want.code);
  }
}

function sameReport(actual: Report, expected: Report): void {
  assert.equal(actual.kind, 'classification');
  assert.equal(expected.kind, 'classification');
  assert.deepEqual(actual.logits?.data, expected.logits?.data);
  assert.deepEqual(actual.softmaxCrossEntropy, expected.softmaxCrossEntropy);
  assert.deepEqual(actual.sigmoidCrossEntropy.data, expected.sigmoidCrossEntropy.data);
}

describe('bad-input catalogue: parser and engine', () => {
  for (const testCase of CATALOGUE) {
    test(testCase.name, () => {
      const outcome = testCase.outcome;
      const started = performance.now();
      if ('error' in outcome) {
        const { error: want } = outcome;
        assert.throws(
          () => analyze(testCase),
          (error: unknown) => {
            assert.ok(error instanceof InputError, String(error));
            assert.match(error.message, want.message);
            assert.equal(error.input, want.input);
            // ε arrives as a number here, not as text: the engine names it, with no position.
            if (want.input !== 'smoothing') assert.deepEqual([error.location?.line, error.location?.column], [want.line, want.column]);
            return true;
          },
        );
      } else if ('diagnostics' in outcome) {
        hasDiagnostics((analyze(testCase) as ClassificationReport).diagnostics, outcome.diagnostics);
      } else {
        sameReport(analyze(testCase), analyze({ name: 'ascii', ...outcome.sameAs, outcome }));
      }
      assert.ok(performance.now() - started < 2000, 'bounded time');
    });
  }
});

function expectMessage<T extends HostMessage['type']>(message: HostMessage, type: T): Extract<HostMessage, { type: T }> {
  assert.equal(message.type, type, JSON.stringify(message).slice(0, 400));
  return message as Extract<HostMessage, { type: T }>;
}

describe('bad-input catalogue: the calculator host marks the input', () => {
  for (const testCase of CATALOGUE) {
    test(testCase.name, () => {
      const session = new CalculatorSession();
      const inputs = inputsOf(testCase);
      const options = { ...FORM, ...(testCase.options ?? {}) };
      const reply = session.respond(
        'p' in inputs ? { type: 'distributions', id: 1, p: inputs.p, q: inputs.q } : { type: 'evaluate', id: 1, ...inputs, options },
      );
      const outcome = testCase.outcome;
      if ('error' in outcome) {
        const { errors } = expectMessage(reply, 'inputErrors');
        assert.equal(errors.length, 1, JSON.stringify(errors));
        const [problem] = errors;
        assert.match(problem.message, outcome.error.message);
        assert.equal(problem.input, outcome.error.input);
        assert.deepEqual([problem.line, problem.column], [outcome.error.line, outcome.error.column]);
        const field = outcome.error.input === 'weights' ? 'classWeights' : outcome.error.input === 'smoothing' ? 'smoothing' : undefined;
        assert.equal(problem.field, field);
      } else if ('diagnostics' in outcome) {
        hasDiagnostics(expectMessage(reply, 'evaluated').report.diagnostics, outcome.diagnostics);
      } else {
        const ascii = new CalculatorSession().respond({ type: 'evaluate', id: 1, ...outcome.sameAs, options });
        assert.deepEqual(expectMessage(reply, 'evaluated').report, expectMessage(ascii, 'evaluated').report);
      }
    });
  }
});
