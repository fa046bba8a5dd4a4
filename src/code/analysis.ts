/**
 * One reading of a document: the framework loss calls in it (found through imports and
 * aliases), the user-function calls whose value can be computed, what each returns, and the
 * problems worth a squiggle, each with a code and, where the fix is certain, its edit.
 * Evaluation is lazy and memoised: a hover computes one call, inlay hints compute the visible ones.
 */
import type { CallEntry } from '../engine/calls/types';
import { InputError, locate } from '../errors';
import { frameworkPrint, numpyLegacyStr, printStyleOf, type PrintStyle } from '../render/framework-print';
import { catalogueEntry, Evaluator, LossCallFailed, type Frame, type LossEvaluation } from './evaluate';
import type { ParsedSource } from './source';
import { contains, dottedName, statementExpressions, subExpressions, type Expression, type Span, type Statement } from './syntax';
import { CodeInputError } from './tensor-math';
import { catalogue } from '../engine/calls/lazy';
import type { Tensor } from '../tensor';
import { NotResolved, type TensorValue, type Value } from './values';

type Call = Extract<Expression, { kind: 'call' }>;

/** A call the reader recognised. */
export interface CodeSite {
  readonly kind: 'loss-call' | 'user-function';
  readonly call: Call;
  /** The catalogue entry, for a loss call. */
  readonly entry?: CallEntry;
  /** `loss = F.cross_entropy(…)`: the name the value is assigned to. */
  readonly assignedTo?: { readonly name: string; readonly span: Span };
}

export type SiteResult =
  | {
      readonly status: 'loss';
      readonly site: CodeSite;
      readonly evaluation: LossEvaluation;
      readonly printed: string;
      readonly style: PrintStyle;
      /** In a TensorFlow 1 script: `print(x.eval())` as NumPy < 1.14 printed it. */
      readonly legacyPrinted?: string;
      /** The arguments (as written) whose values came from the debugged program, not the text. */
      readonly live?: readonly string[];
    }
  | {
      readonly status: 'value';
      readonly site: CodeSite;
      readonly value: TensorValue;
      readonly printed: string;
      readonly style: PrintStyle;
      readonly legacyPrinted?: string;
    }
  | {
      readonly status: 'unresolved';
      readonly site: CodeSite;
      readonly reason: string;
      readonly span: Span;
      /** The parameter whose argument could not be read, when it was one. */
      readonly argument?: string;
    }
  | {
      readonly status: 'error';
      readonly site: CodeSite;
      readonly message: string;
      readonly span: Span;
      readonly code: string;
      /** For a call the catalogue refused: its inputs, for the checks that explain the refusal. */
      readonly failure?: LossCallFailed;
    };

/** An edit of the document, in offsets of the text that was read. */
export interface CodeEdit {
  readonly span: Span;
  readonly text: string;
}

export interface CodeProblem {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly span: Span;
  /** A certain fix: its title and edits. */
  readonly fix?: { readonly title: string; readonly edits: readonly CodeEdit[] };
}

const LIBRARY_STYLE: Readonly<Record<TensorValue['library'], PrintStyle>> = {
  torch: 'torch',
  numpy: 'numpy',
  tensorflow: 'tensorflow',
  jax: 'jax',
  tfjs: 'tfjs',
};

export class CodeAnalysis {
  readonly evaluator: Evaluator;
  private sitesCache: CodeSite[] | undefined;
  private readonly results = new Map<Call, SiteResult>();

  constructor(readonly source: ParsedSource) {
    this.evaluator = new Evaluator(source.program, source.text);
  }

  get text(): string {
    return this.source.text;
  }

  /** Every recognised call, in source order. */
  sites(): readonly CodeSite[] {
    this.sitesCache ??= this.findSites();
    return this.sitesCache;
  }

  private findSites(): CodeSite[] {
    const sites: CodeSite[] = [];
    const visit = (statements: readonly Statement[]) => {
      for (const statement of statements) {
        const assignedTo =
          statement.kind === 'assign' && statement.targets.length === 1 && !statement.unpacking && !statement.update ? statement.targets[0] : undefined;
        for (const expression of statementExpressions(statement)) {
          for (const sub of subExpressions(expression)) {
            if (sub.kind !== 'call') continue;
            const site = this.recognise(sub, assignedTo && sub === expression ? assignedTo : undefined);
            if (site) sites.push(site);
          }
        }
        if (statement.kind === 'function') visit(statement.body);
        if (statement.kind === 'block') visit(statement.body);
      }
    };
    visit(this.source.program.statements);
    return sites.sort((a, b) => a.call.span.from - b.call.span.from);
  }

  /** A loss call or a user-function call, told apart from the bindings alone (nothing is computed). */
  private recognise(call: Call, assignedTo: CodeSite['assignedTo']): CodeSite | undefined {
    const frame = this.evaluator.frameAt(call.span.from);
    const entry = this.staticEntry(call.callee, frame, call.span.from, 0);
    if (entry && entry.form === 'function') return { kind: 'loss-call', call, entry, assignedTo };
    // A class entry is the constructor; the call of the object it builds is the loss call.
    if (call.callee.kind === 'call') {
      const inner = this.staticEntry(call.callee.callee, frame, call.span.from, 0);
      if (inner?.form === 'class') return { kind: 'loss-call', call, entry: inner, assignedTo };
    }
    const objectEntry = this.lossObjectEntry(call.callee, frame, call.span.from);
    if (objectEntry) return { kind: 'loss-call', call, entry: objectEntry, assignedTo };
    if (call.callee.kind === 'name') {
      const found = this.evaluator.bindingOf(call.callee.name, frame, call.span.from);
      if (found?.binding.kind === 'function') return { kind: 'user-function', call, assignedTo };
    }
    return undefined;
  }

  /** The catalogue entry a dotted callee names through the file's imports. */
  private staticEntry(callee: Expression, frame: Frame, offset: number, depth: number): CallEntry | undefined {
    const dotted = dottedName(callee);
    if (!dotted || depth > 4) return undefined;
    const [root, ...rest] = dotted.split('.');
    const found = this.evaluator.bindingOf(root, frame, offset);
    if (found?.binding.kind !== 'import') return undefined;
    return catalogueEntry([found.binding.path, ...rest].join('.'), this.source.program.language, this.evaluator.tensorflow1);
  }

  /** `criterion(…)` where `criterion = nn.CrossEntropyLoss(…)` (or `.call(…)` on it). */
  private lossObjectEntry(callee: Expression, frame: Frame, offset: number): CallEntry | undefined {
    const target = callee.kind === 'attribute' && callee.name === 'call' ? callee.object : callee;
    if (target.kind !== 'name') return undefined;
    const found = this.evaluator.bindingOf(target.name, frame, offset);
    if (found?.binding.kind !== 'assign' || found.binding.statement.value.kind !== 'call') return undefined;
    const entry = this.staticEntry(found.binding.statement.value.callee, found.frame, found.binding.statement.span.from, 1);
    return entry?.form === 'class' ? entry : undefined;
  }

  /** What a site returns, computed on first request. */
  result(site: CodeSite): SiteResult {
    let result = this.results.get(site.call);
    if (!result) {
      result = this.compute(site);
      this.results.set(site.call, result);
    }
    return result;
  }

  private compute(site: CodeSite): SiteResult {
    return this.reading(site, (frame) => {
      if (site.kind === 'loss-call') return this.lossResult(site, this.evaluator.evaluateLossCall(site.call, frame, site.call.span.from));
      const value = this.evaluator.evaluate(site.call, frame, site.call.span.from);
      if (value.kind !== 'tensor')
        return { status: 'unresolved', site, reason: `returns ${value.kind === 'none' ? 'None' : 'a value that is not a tensor'}`, span: site.call.span };
      const style = LIBRARY_STYLE[value.library];
      return {
        status: 'value',
        site,
        value,
        style,
        printed: frameworkPrint(value.tensor, style, value.dtype !== 'float64'),
        ...this.legacy(style, value.tensor),
      };
    });
  }

  /** One reading of a site with a fresh budget: what `read` returns, or why it could not be computed. */
  private reading(site: CodeSite, read: (frame: Frame) => SiteResult): SiteResult {
    const frame = this.evaluator.frameAt(site.call.span.from);
    this.evaluator.resetBudget();
    try {
      return read(frame);
    } catch (error) {
      if (error instanceof NotResolved) return { status: 'unresolved', site, reason: error.reason, span: error.span, argument: error.argument };
      if (error instanceof CodeInputError) {
        return {
          status: 'error',
          site,
          message: error.message,
          span: error.span,
          code: error.code,
          failure: error instanceof LossCallFailed ? error : undefined,
        };
      }
      if (error instanceof InputError) return { status: 'error', site, message: error.message, span: site.call.argsSpan, code: 'invalid-argument' };
      throw error;
    }
  }

  private lossResult(site: CodeSite, evaluation: LossEvaluation): Extract<SiteResult, { status: 'loss' }> {
    const style = printStyleOf(evaluation.entry.framework);
    const value = evaluation.report.value;
    return { status: 'loss', site, evaluation, style, printed: frameworkPrint(value, style, evaluation.report.float32), ...this.legacy(style, value) };
  }

  /**
   * The arguments of a loss call the text does not determine (a model's output, random tensors),
   * by their text in the call: what a debugger could supply while the program is stopped.
   */
  unresolvedArguments(site: CodeSite): { readonly parameter: string; readonly expression: string; readonly span: Span; readonly readOnly: boolean }[] {
    if (site.kind !== 'loss-call' || !site.entry) return [];
    const frame = this.evaluator.frameAt(site.call.span.from);
    const positional = site.entry.parameters.filter((p) => (p.stage ?? 'call') === 'call' && !p.keywordOnly);
    const out: { parameter: string; expression: string; span: Span; readOnly: boolean }[] = [];
    let index = 0;
    for (const arg of site.call.args) {
      const parameter = arg.name ?? positional[index++]?.name ?? `argument ${index}`;
      this.evaluator.resetBudget();
      try {
        this.evaluator.evaluate(arg.value, frame, site.call.span.from);
      } catch (error) {
        if (error instanceof NotResolved) {
          out.push({ parameter, expression: this.text.slice(arg.value.span.from, arg.value.span.to), span: arg.value.span, readOnly: readsOnly(arg.value) });
        } else if (!(error instanceof InputError)) throw error;
      }
    }
    return out;
  }

  /** What the call returns with `values` (by argument text) taken from the running program. */
  resultWithLiveValues(site: CodeSite, values: ReadonlyMap<string, TensorValue>): SiteResult {
    if (site.kind !== 'loss-call') return this.result(site);
    return this.reading(site, (frame) => ({
      ...this.lossResult(site, this.evaluator.evaluateLossCallWith(site.call, frame, site.call.span.from, values)),
      live: [...values.keys()],
    }));
  }

  /** The TF 1.x era's print of a TensorFlow value, in a TF 1 script (the source article's output looks so). */
  private legacy(style: PrintStyle, value: Tensor): { legacyPrinted?: string } {
    if (style !== 'tensorflow' || !this.evaluator.tensorflow1) return {};
    const legacyPrinted = numpyLegacyStr(value);
    return legacyPrinted ? { legacyPrinted } : {};
  }

  /**
   * The site a hover at `offset` is about: the innermost recognised call around it, the name a
   * call's value is assigned to (where assigned, or where used later), or `print(name)` of it.
   */
  siteAt(offset: number): CodeSite | undefined {
    const sites = this.sites();
    let best: CodeSite | undefined;
    for (const site of sites) {
      if (site.assignedTo && contains(site.assignedTo.span, offset)) return site;
      if (site.call.span.from > offset) break;
      if (contains(site.call.span, offset) && (!best || site.call.span.from >= best.call.span.from)) best = site;
    }
    if (best) return best;
    const name = this.nameAt(offset);
    if (!name) return undefined;
    return this.siteOfName(name.name, name.span.from) ?? (name.name === 'print' ? this.printedSite(offset) : undefined);
  }

  /** On the word `print` of `print("…", loss)`: the call whose value it prints. */
  private printedSite(offset: number): CodeSite | undefined {
    const frame = this.evaluator.frameAt(offset);
    const visit = (statements: readonly Statement[]): CodeSite | undefined => {
      for (const statement of statements) {
        if (offset < statement.span.from || offset > statement.span.to) continue;
        if (statement.kind === 'function' || statement.kind === 'block') return visit(statement.body);
        if (statement.kind !== 'expression' || statement.value.kind !== 'call') return undefined;
        const { callee, args } = statement.value;
        if (callee.kind !== 'name' || callee.name !== 'print' || this.evaluator.bindingOf('print', frame, offset)) return undefined;
        for (const arg of args) {
          const inner = unwrapConversions(arg.value);
          const site = inner.kind === 'name' ? this.siteOfName(inner.name, inner.span.from) : this.sites().find((s) => s.call === inner);
          if (site) return site;
        }
      }
      return undefined;
    };
    return visit(this.source.program.statements);
  }

  /** The call whose value `name` holds at `offset`, through its assignment. */
  siteOfName(name: string, offset: number): CodeSite | undefined {
    const frame = this.evaluator.frameAt(offset);
    const found = this.evaluator.bindingOf(name, frame, offset);
    if (found?.binding.kind !== 'assign' || found.binding.statement.unpacking) return undefined;
    const value = unwrapConversions(found.binding.statement.value);
    return this.sites().find((site) => site.call === value);
  }

  /** The name (a variable, a definition) at `offset`, from the parse tree. */
  nameAt(offset: number): { name: string; span: Span } | undefined {
    const tree = this.source.tree;
    const node = tree.resolveInner(offset, 1);
    const candidate = node.name === 'VariableName' || node.name === 'VariableDefinition' ? node : tree.resolveInner(offset, -1);
    if (candidate.name !== 'VariableName' && candidate.name !== 'VariableDefinition') return undefined;
    return { name: this.text.slice(candidate.from, candidate.to), span: { from: candidate.from, to: candidate.to } };
  }

  /** Problems of the whole document: every loss call's, and the checks of single statements. */
  problems(): readonly CodeProblem[] {
    // Asked for by the diagnostics and by every quick-fix request of this version: found once.
    this.problemsCache ??= [...this.sites().flatMap((site) => (site.kind === 'loss-call' ? this.siteProblems(site) : [])), ...this.assertProblems()];
    return this.problemsCache;
  }

  private problemsCache: readonly CodeProblem[] | undefined;

  siteProblems(site: CodeSite): CodeProblem[] {
    const result = this.result(site);
    if (result.status === 'error') {
      const explained = result.failure ? this.mismatch(site, result.failure.tensors, result.failure.argumentSpans, result.failure.constructorCall) : undefined;
      return explained ? [explained] : [{ code: result.code, severity: 'error', message: result.message, span: result.span }];
    }
    if (result.status !== 'loss') return [];
    const problems: CodeProblem[] = [];
    const { evaluation } = result;
    const mismatch = this.mismatch(site, evaluation.tensors, evaluation.argumentSpans, evaluation.constructorCall);
    if (mismatch) problems.push(mismatch);
    problems.push(...this.doubleActivation(evaluation));
    const keras = this.kerasLogits(site, evaluation);
    if (keras) problems.push(keras);
    for (const diagnostic of evaluation.report.diagnostics) {
      if (diagnostic.severity === 'info') continue;
      problems.push({ code: diagnostic.code, severity: diagnostic.severity, message: diagnostic.message, span: site.call.span });
    }
    return problems;
  }

  /** Probabilities (a softmax or sigmoid output) passed where the call applies its own. */
  private doubleActivation(evaluation: LossEvaluation): CodeProblem[] {
    const { entry } = evaluation;
    const logitsParameter = logitsParameterOf(entry, evaluation);
    if (!logitsParameter) return [];
    const tensor = evaluation.tensors.get(logitsParameter);
    const span = evaluation.argumentSpans.get(logitsParameter);
    const provenance = tensor?.provenance;
    if (!tensor || !span || !provenance || (provenance.operation !== 'softmax' && provenance.operation !== 'sigmoid')) return [];
    const inline = provenance.span.from === span.from && provenance.span.to === span.to && provenance.inputSpan;
    return [
      {
        code: 'activation-applied-twice',
        severity: 'warning',
        message: `${logitsParameter} is the output of ${provenance.operation} (line ${locate(this.text, provenance.span.from).line}), but ${entry.id} expects logits and applies ${provenance.operation === 'softmax' ? 'log-softmax' : 'the sigmoid'} itself: ${provenance.operation} is applied twice`,
        span,
        fix:
          inline && provenance.inputSpan
            ? {
                title: `Pass the logits (remove ${provenance.operation})`,
                edits: [{ span, text: this.text.slice(provenance.inputSpan.from, provenance.inputSpan.to) }],
              }
            : undefined,
      },
    ];
  }

  /** Keras with `from_logits=False` given values outside [0, 1]: it clips them as probabilities. */
  private kerasLogits(site: CodeSite, evaluation: LossEvaluation): CodeProblem | undefined {
    const { entry, report } = evaluation;
    if (entry.framework !== 'keras' || !entry.parameters.some((p) => p.name === 'from_logits')) return undefined;
    if (report.arguments.find((a) => a.name === 'from_logits')?.text !== 'False') return undefined;
    const predictions = evaluation.tensors.get('y_pred');
    if (!predictions || predictions.tensor.data.every((v) => v >= 0 && v <= 1)) return undefined;
    const span = evaluation.argumentSpans.get('y_pred') ?? site.call.span;
    const alternative = withFromLogits(evaluation);
    const clipped = report.value.data.length === 1 ? ` returns ${short(report.value.data[0])}` : '';
    const instead = alternative && alternative.data.length === 1 ? `; with from_logits=True it returns ${short(alternative.data[0])}` : '';
    const constructor = evaluation.constructorCall ?? (entry.form === 'function' ? site.call : undefined);
    const written = evaluation.argumentSpans.get('from_logits');
    // Written as `from_logits=False`: change the value; not written: add the keyword (unless it was passed by position).
    const fix = written
      ? { span: written, text: 'True' }
      : constructor && !evaluation.positional.has('from_logits')
        ? addKeywordFix(this.text, constructor, 'from_logits', 'True')
        : undefined;
    return {
      code: 'logits-with-from-logits-false',
      severity: 'warning',
      message: `y_pred holds values outside [0, 1], logits rather than probabilities, but from_logits is False: Keras clips them to [1e-7, 1 − 1e-7] and reads them as probabilities, so the call${clipped}${instead}`,
      span,
      fix: fix ? { title: written ? 'Set from_logits=True' : 'Add from_logits=True', edits: [fix] } : undefined,
    };
  }

  /** One-hot rows passed to a sparse (integer-label) loss, or integer labels to a one-hot one. */
  private mismatch(
    site: CodeSite,
    tensors: ReadonlyMap<string, TensorValue>,
    argumentSpans: ReadonlyMap<string, Span>,
    constructorCall?: Call,
  ): CodeProblem | undefined {
    const entry = site.entry;
    if (!entry) return undefined;
    const pair = SPARSE_PAIRS.get(entry.id);
    if (!pair) return undefined;
    const labelsName = entry.parameters.find((p) => LABEL_PARAMETERS.includes(p.name))?.name;
    const predictionsName = entry.parameters.find((p) => PREDICTION_PARAMETERS.includes(p.name))?.name;
    const labels = labelsName ? tensors.get(labelsName) : undefined;
    const predictions = predictionsName ? tensors.get(predictionsName) : undefined;
    if (!labels || !predictions || !labelsName) return undefined;
    const rank = predictions.tensor.shape.length;
    const classes = predictions.tensor.shape[rank - 1];
    const oneHotRows = labels.tensor.shape.length === rank && labels.tensor.shape[rank - 1] === classes && isOneHot(labels.tensor.data, classes);
    const indexLabels = labels.tensor.shape.length === rank - 1 && labels.tensor.data.every((v) => Number.isInteger(v) && v >= 0);
    const span = argumentSpans.get(labelsName) ?? site.call.span;
    const nameSpan = calleeNameSpan(constructorCall ?? site.call);
    const rename = (title: string) => (nameSpan ? { title, edits: [{ span: nameSpan, text: pair.other.split('.').pop()! }] } : undefined);
    if (pair.sparse && oneHotRows) {
      return {
        code: 'one-hot-labels-to-sparse-loss',
        severity: 'error',
        message: `${labelsName} holds one-hot rows of ${classes} classes, but ${entry.id} takes class indices; ${pair.other} takes one-hot labels`,
        span,
        fix: rename(`Use ${pair.other.split('.').pop()!}`),
      };
    }
    if (!pair.sparse && indexLabels) {
      return {
        code: 'class-indices-to-one-hot-loss',
        severity: 'error',
        message: `${labelsName} holds class indices (shape [${labels.tensor.shape.join(', ')}]), but ${entry.id} takes one-hot (or probability) rows of shape [${predictions.tensor.shape.join(', ')}]; ${pair.other} takes class indices`,
        span,
        fix: rename(`Use ${pair.other.split('.').pop()!}`),
      };
    }
    return undefined;
  }

  /** `assert a.all() == b.all()`: compares two booleans, so it checks almost nothing. */
  private assertProblems(): CodeProblem[] {
    const problems: CodeProblem[] = [];
    const visit = (statements: readonly Statement[]) => {
      for (const statement of statements) {
        if (statement.kind === 'function' || statement.kind === 'block') visit(statement.body);
        if (statement.kind !== 'assert' || statement.test.kind !== 'binary' || (statement.test.operator !== '==' && statement.test.operator !== '!=')) continue;
        const { left, right } = statement.test;
        const reduced = (e: Expression) =>
          e.kind === 'call' && e.args.length === 0 && e.callee.kind === 'attribute' && (e.callee.name === 'all' || e.callee.name === 'any');
        if (!reduced(left) || !reduced(right)) continue;
        const inner = (e: Expression) => (e.kind === 'call' && e.callee.kind === 'attribute' ? e.callee.object : e);
        const a = this.text.slice(inner(left).span.from, inner(left).span.to);
        const b = this.text.slice(inner(right).span.from, inner(right).span.to);
        problems.push({
          code: 'assert-compares-booleans',
          severity: 'warning',
          message: `this assert compares two booleans (${a}.all() and ${b}.all()), so it passes whenever both arrays are all nonzero, whatever their values; compare the arrays themselves`,
          span: statement.test.span,
          fix: {
            title: `Compare the arrays: (${a} == ${b}).all()`,
            edits: [{ span: statement.test.span, text: `(${a} ${statement.test.operator} ${b}).all()` }],
          },
        });
      }
    };
    visit(this.source.program.statements);
    return problems;
  }

  /** The value of a name or expression at `offset`, for hovers on tensors built by operations. */
  valueAt(expression: Expression): Value {
    this.evaluator.resetBudget();
    return this.evaluator.evaluate(expression, this.evaluator.frameAt(expression.span.from), expression.span.from);
  }
}

function short(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(5))) : String(x);
}

/** The same call with from_logits=True, for showing both values. */
function withFromLogits(evaluation: LossEvaluation): Tensor | undefined {
  const { entry, list, init } = evaluation;
  const { evaluateCall } = catalogue();
  try {
    if (entry.form === 'class') return evaluateCall(entry, list, { float32: true, init: { ...init, keyword: { ...init?.keyword, from_logits: true } } }).value;
    return evaluateCall(entry, { ...list, keyword: { ...list.keyword, from_logits: true } }, { float32: true }).value;
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
}

/** Sparse and one-hot versions of the same loss. */
const SPARSE_PAIRS: ReadonlyMap<string, { sparse: boolean; other: string }> = new Map<string, { sparse: boolean; other: string }>(
  (
    [
      ['keras.losses.SparseCategoricalCrossentropy', 'keras.losses.CategoricalCrossentropy'],
      ['keras.losses.sparse_categorical_crossentropy', 'keras.losses.categorical_crossentropy'],
      ['tf.nn.sparse_softmax_cross_entropy_with_logits', 'tf.nn.softmax_cross_entropy_with_logits'],
      ['tf.compat.v1.losses.sparse_softmax_cross_entropy', 'tf.compat.v1.losses.softmax_cross_entropy'],
      ['optax.softmax_cross_entropy_with_integer_labels', 'optax.softmax_cross_entropy'],
    ] as const
  ).flatMap(([sparse, dense]): [string, { sparse: boolean; other: string }][] => [
    [sparse, { sparse: true, other: dense }],
    [dense, { sparse: false, other: sparse }],
  ]),
);

const LABEL_PARAMETERS = ['y_true', 'labels', 'onehot_labels'];
const PREDICTION_PARAMETERS = ['y_pred', 'logits'];

function isOneHot(data: Float64Array, classes: number): boolean {
  for (let row = 0; row < data.length; row += classes) {
    let ones = 0;
    for (let k = 0; k < classes; k++) {
      const v = data[row + k];
      if (v === 1) ones++;
      else if (v !== 0) return false;
    }
    if (ones !== 1) return false;
  }
  return data.length > 0;
}

/** The span of the last name of a call's callee (`CrossEntropyLoss` in `nn.CrossEntropyLoss(…)`), for renaming it. */
function calleeNameSpan(call: Call): Span | undefined {
  const callee = call.callee.kind === 'call' ? call.callee.callee : call.callee;
  return callee.kind === 'attribute' ? callee.nameSpan : undefined;
}

/** The parameter that holds logits for calls that apply softmax or the sigmoid themselves. */
function logitsParameterOf(entry: CallEntry, evaluation: LossEvaluation): string | undefined {
  if (entry.framework === 'keras') {
    return evaluation.report.arguments.find((a) => a.name === 'from_logits')?.text === 'True' ? 'y_pred' : undefined;
  }
  if (entry.family !== 'softmax-cross-entropy' && entry.family !== 'sigmoid-cross-entropy' && entry.family !== 'focal' && entry.family !== 'poly')
    return undefined;
  return entry.parameters.find((p) => ['input', 'logits', 'inputs'].includes(p.name))?.name;
}

/** An edit adding `name=value` as the call's last argument. */
export function addKeywordFix(text: string, call: Call, name: string, value: string): CodeEdit {
  const close = call.argsSpan.to - 1;
  const inside = text.slice(call.argsSpan.from + 1, close);
  const trimmed = inside.trimEnd();
  const hasArgs = call.args.length > 0;
  const separator = hasArgs ? (trimmed.endsWith(',') ? ' ' : ', ') : '';
  const at = call.argsSpan.from + 1 + trimmed.length;
  return { span: { from: at, to: at }, text: `${separator}${name}=${value}` };
}

/**
 * Whether evaluating `expression` in a running program only reads it: names, attributes and
 * constant indices (`outputs`, `batch.logits`, `out[0]`), no calls (which would run the program's code).
 */
function readsOnly(expression: Expression): boolean {
  switch (expression.kind) {
    case 'name':
      return true;
    case 'attribute':
      return readsOnly(expression.object);
    case 'subscript':
      return (
        readsOnly(expression.object) &&
        (expression.index.kind === 'number' || (expression.index.kind === 'unary' && expression.index.operand.kind === 'number'))
      );
    default:
      return false;
  }
}

/** `x.item()`, `x.numpy()`, `float(x)`: the call inside conversions, for `print(loss.item())`. */
function unwrapConversions(expression: Expression): Expression {
  let e = expression;
  for (;;) {
    if (
      e.kind === 'call' &&
      e.callee.kind === 'attribute' &&
      ['item', 'numpy', 'eval', 'detach', 'cpu', 'tolist', 'dataSync', 'arraySync'].includes(e.callee.name)
    )
      e = e.callee.object;
    else return e;
  }
}
