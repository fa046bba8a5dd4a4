/**
 * "Insert as Assertion": a line after the statement holding a loss call that checks what the
 * framework will return, written with that framework's own test helper (torch.testing.assert_close,
 * np.testing.assert_allclose, tf.debugging.assert_near, or Jest's expect in JavaScript), plus the
 * import it needs when the file lacks it. Both edits go into one undoable change.
 */
import type { CodeAnalysis, CodeEdit, SiteResult } from './analysis';
import type { Statement } from './syntax';
import { toNested, type Nested, type Tensor } from '../tensor';

type LossResult = Extract<SiteResult, { status: 'loss' }>;

/** Relative tolerance: float32 emulation and the framework's own kernels agree to a few ulps. */
const RTOL = '1e-5';
const ATOL = '1e-6';

export function assertionEdits(analysis: CodeAnalysis, result: LossResult): CodeEdit[] {
  const { site, evaluation } = result;
  const text = analysis.text;
  const statement = statementOf(analysis, site.call.span.from);
  const subject = site.assignedTo?.name ?? text.slice(site.call.span.from, site.call.span.to);
  const value = evaluation.report.value;
  const float32 = evaluation.report.float32;
  const lineStart = text.lastIndexOf('\n', (statement?.span.from ?? site.call.span.from) - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  const end = statement?.span.to ?? site.call.span.to;
  const lineEnd = text.indexOf('\n', end);
  const at = lineEnd < 0 ? text.length : lineEnd;
  const edits: CodeEdit[] = [];
  let line: string;
  if (analysis.source.program.language === 'javascript') {
    line = javascriptAssertion(subject, value);
  } else {
    const framework = evaluation.entry.framework;
    if (framework === 'pytorch' || framework === 'torchvision') {
      const torch = importedAs(analysis, 'torch') ?? addImport(analysis, edits, 'import torch', 'torch');
      line = `${torch}.testing.assert_close(${subject}, ${torch}.tensor(${pythonValue(value, float32)}${float32 ? '' : `, dtype=${torch}.float64`}), rtol=${RTOL}, atol=${ATOL})`;
    } else if (framework === 'tensorflow') {
      const tf = importedAs(analysis, 'tensorflow') ?? addImport(analysis, edits, 'import tensorflow as tf', 'tf');
      line = `${tf}.debugging.assert_near(${subject}, ${tf}.constant(${pythonValue(value, float32)}, dtype=${tf}.${float32 ? 'float32' : 'float64'}), rtol=${RTOL}, atol=${ATOL})`;
    } else {
      const np = importedAs(analysis, 'numpy') ?? addImport(analysis, edits, 'import numpy as np', 'np');
      line = `${np}.testing.assert_allclose(${subject}, ${pythonValue(value, float32)}, rtol=${RTOL}, atol=${ATOL})`;
    }
  }
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  edits.push({ span: { from: at, to: at }, text: `${newline}${indent}${line}` });
  return edits;
}

/** The innermost statement around `offset`. */
function statementOf(analysis: CodeAnalysis, offset: number): Statement | undefined {
  let found: Statement | undefined;
  const visit = (statements: readonly Statement[]) => {
    for (const statement of statements) {
      if (offset < statement.span.from || offset > statement.span.to) continue;
      if (statement.kind === 'function' || statement.kind === 'block') {
        const inner = statement.body.find((s) => offset >= s.span.from && offset <= s.span.to);
        if (inner) {
          visit(statement.body);
          return;
        }
        // In a block's header (`for … in F.cross_entropy(…)`): the block is the statement.
        if (statement.kind === 'block') found = statement;
        return;
      }
      found = statement;
      return;
    }
  };
  visit(analysis.source.program.statements);
  return found;
}

/** The local name a module is imported as at module level (`import torch`, `import numpy as np`). */
function importedAs(analysis: CodeAnalysis, path: string): string | undefined {
  for (const statement of analysis.source.program.statements) {
    if (statement.kind !== 'import') continue;
    for (const binding of statement.bindings) if (binding.path === path) return binding.local;
  }
  return undefined;
}

/** Adds `import …` after the module's last import (or at the top) and returns the name it binds. */
function addImport(analysis: CodeAnalysis, edits: CodeEdit[], line: string, local: string): string {
  const imports = analysis.source.program.statements.filter((s) => s.kind === 'import');
  const last = imports[imports.length - 1];
  const newline = analysis.text.includes('\r\n') ? '\r\n' : '\n';
  if (last) edits.push({ span: { from: last.span.to, to: last.span.to }, text: `${newline}${line}` });
  else edits.push({ span: { from: 0, to: 0 }, text: `${line}${newline}` });
  return local;
}

/** Shortest digits that read back as the same float32 (or float64) value. */
export function shortestDigits(x: number, float32: boolean): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (!float32) return String(x);
  for (let digits = 1; digits <= 17; digits++) {
    const text = x.toPrecision(digits);
    if (Math.fround(Number(text)) === x) return String(Number(text));
  }
  return String(x);
}

function pythonValue(t: Tensor, float32: boolean): string {
  const write = (v: Nested): string => (typeof v === 'number' ? pythonNumber(shortestDigits(v, float32)) : `[${v.map(write).join(', ')}]`);
  return write(toNested(t));
}

function pythonNumber(text: string): string {
  if (text === 'nan') return "float('nan')";
  if (text === 'inf') return "float('inf')";
  if (text === '-inf') return "-float('inf')";
  // A float literal, so torch.tensor(0.0) is float32 like the loss (torch.tensor(0) would be int64).
  return /[.e]/.test(text) ? text : `${text}.0`;
}

function javascriptAssertion(subject: string, t: Tensor): string {
  const digits = (v: number) => (Number.isNaN(v) ? 'NaN' : !Number.isFinite(v) ? (v > 0 ? 'Infinity' : '-Infinity') : shortestDigits(v, true));
  if (t.shape.length === 0) return `expect(${subject}.dataSync()[0]).toBeCloseTo(${digits(t.data[0])}, 5);`;
  const values = Array.from(t.data, digits).join(', ');
  return `Array.from(${subject}.dataSync()).forEach((v, i) => expect(v).toBeCloseTo([${values}][i], 5));`;
}
