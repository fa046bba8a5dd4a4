/**
 * Evaluating expressions of the user's code without running it: names through their bindings
 * (scopes.ts), the operations of operations.ts, framework loss calls through the call catalogue,
 * and the user's own functions when their body is straight-line assignments and a `return`.
 * The work is bounded (call depth, steps, elements), results are memoised per binding for the
 * document version, and nothing the user wrote is executed.
 */
import type { ArgumentList } from '../engine/calls/arguments';
import { catalogue } from '../engine/calls/lazy';
import type { ArgumentValue, CallEntry } from '../engine/calls/types';
import { InputError, locate } from '../errors';
import type { CallReport } from '../report/model';
import { elementCount } from '../tensor';
import { arithmetic, DTYPE_NAMES, moduleOperation, shapeValue, tensorMethod, toTensor, type ArithmeticOperator } from './operations';
import { ScopeIndex, type Binding, type Scope } from './scopes';
import {
  dottedName,
  statementExpressions,
  subExpressions,
  type Argument,
  type Expression,
  type FunctionDefinition,
  type Program,
  type Span,
  type Statement,
} from './syntax';
import { CodeInputError, makeTensor, unaryOperation } from './tensor-math';
import { describeKind, LIBRARY_OF_FRAMEWORK, NotResolved, type TensorValue, type Value } from './values';

/** Bounds on following user functions: a recursive or very long computation stops with a reason. */
export const EVALUATION_LIMITS = { callDepth: 16, steps: 20_000, elements: 10_000_000 } as const;

/** A limit was reached: not cached, since another reading with fresh budget may finish. */
class LimitReached extends NotResolved {}

/** Where names are looked up: a scope, and for a user function's call, its arguments. */
export class Frame {
  readonly cache = new Map<Binding, Value | NotResolved | InputError>();
  constructor(
    readonly scope: Scope,
    readonly parent: Frame | undefined,
    /** The function's parameters, bound by a call; undefined when reading the body directly. */
    readonly parameters: ReadonlyMap<string, Value> | undefined,
    /** Where the call was made: module names are read as they are there. */
    readonly callerOffset: number | undefined,
    readonly depth: number,
  ) {}
}

/** Where each argument of a loss call came from, for the hover's "code or default" lines. */
export interface ArgumentOrigin {
  readonly parameter: string;
  readonly source: 'code' | 'default';
  /** The argument as written. */
  readonly span?: Span;
  /** The assignment a name argument was read from. */
  readonly binding?: Span;
}

/** A framework loss call evaluated: its report, and the places its arguments came from. */
export interface LossEvaluation {
  readonly entry: CallEntry;
  readonly report: CallReport;
  readonly origins: readonly ArgumentOrigin[];
  /** The call's arguments by parameter, with where each was written (constructor and call). */
  readonly argumentSpans: ReadonlyMap<string, Span>;
  /** The tensors bound to tensor parameters, for the checks of loss-calls.ts. */
  readonly tensors: ReadonlyMap<string, TensorValue>;
  /** The constructor call of a loss object, when the call used one. */
  readonly constructorCall?: Extract<Expression, { kind: 'call' }>;
  /** The arguments as bound: the call's, and for a loss object its constructor's. */
  readonly list: ArgumentList;
  readonly init?: ArgumentList;
  /** Parameters given by position (a fix that adds a keyword must not repeat them). */
  readonly positional: ReadonlySet<string>;
}

/** The catalogue's name for a module path: `tensorflow.` is written `tf.`, tfjs packages are `tf`. */
/**
 * `tf.losses.softmax_cross_entropy` is TF 1's loss (the catalogue's tf.compat.v1 entry) in a TF 1
 * script; in TF 2, `tf.losses` is Keras's losses module, so in other files a Keras name wins.
 */
export function catalogueEntry(path: string, language: 'python' | 'javascript', tensorflow1 = false): CallEntry | undefined {
  const { lookupCall } = catalogue();
  const names: string[] = [];
  if (language === 'javascript') {
    const match = /^@tensorflow\/tfjs(?:-[a-z-]+)?\.(.*)$/.exec(path);
    if (match) names.push(`tf.${match[1]}`);
  } else {
    const tf = path.startsWith('tensorflow.') ? `tf.${path.slice('tensorflow.'.length)}` : path;
    // TF 2's tf.losses is Keras's losses module; torch's classes live in torch.nn.modules.loss.
    const keras = tf.startsWith('tf.losses.') ? `keras.losses.${tf.slice('tf.losses.'.length)}` : undefined;
    if (keras && !tensorflow1) names.push(keras);
    names.push(tf);
    if (keras && tensorflow1) names.push(keras);
    if (tf.startsWith('torch.nn.modules.loss.')) names.push(`torch.nn.${tf.slice('torch.nn.modules.loss.'.length)}`);
    if (tf.startsWith('keras.src.losses.losses.')) names.push(`keras.losses.${tf.slice('keras.src.losses.losses.'.length)}`);
    if (tf.startsWith('torchvision.ops.focal_loss.')) names.push(`torchvision.ops.${tf.slice('torchvision.ops.focal_loss.'.length)}`);
  }
  for (const name of names) {
    const entry = lookupCall(name);
    if (entry && entry.language === language) return entry;
  }
  return undefined;
}

const MODULE_CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['inf', Infinity],
  ['infty', Infinity],
  ['Inf', Infinity],
  ['nan', NaN],
  ['NaN', NaN],
  ['pi', Math.PI],
  ['e', Math.E],
]);

/** Top-level names TensorFlow 2 removed: a file using one is a TF 1 script. */
const TENSORFLOW1_NAMES = new Set([
  'Session',
  'InteractiveSession',
  'placeholder',
  'global_variables_initializer',
  'local_variables_initializer',
  'log',
  'div',
  'to_float',
  'get_variable',
  'variable_scope',
]);

const BUILTINS = new Set(['len', 'float', 'int', 'abs', 'print', 'list', 'tuple', 'round', 'max', 'min', 'sum', 'bool', 'range', 'open', 'input']);

type Call = Extract<Expression, { kind: 'call' }>;

export class Evaluator {
  readonly scopes: ScopeIndex;
  readonly module: Frame;
  private steps = 0;
  private elements = 0;
  /** Loss calls evaluated in the module's own frames (not inside a user function's call), by expression. */
  private readonly lossEvaluations = new Map<Call, LossEvaluation | NotResolved | InputError>();
  private readonly directFrames = new Map<number, Frame>();

  constructor(
    readonly program: Program,
    readonly text: string,
  ) {
    this.scopes = new ScopeIndex(program, text.length);
    this.module = new Frame(this.scopes.module, undefined, undefined, undefined, 0);
  }

  private tensorflow1Cache: boolean | undefined;

  /** Whether the file is a TensorFlow 1 script: it uses tf.Session, tf.placeholder, tf.log, … (names TF 2 removed). */
  get tensorflow1(): boolean {
    this.tensorflow1Cache ??= this.findTensorFlow1();
    return this.tensorflow1Cache;
  }

  private findTensorFlow1(): boolean {
    const visit = (statements: readonly Statement[]): boolean =>
      statements.some((statement) => {
        for (const expression of statementExpressions(statement)) {
          for (const sub of subExpressions(expression)) {
            if (sub.kind !== 'attribute' || sub.object.kind !== 'name' || !TENSORFLOW1_NAMES.has(sub.name)) continue;
            const found = this.bindingOf(sub.object.name, this.module, Number.MAX_SAFE_INTEGER);
            if (found?.binding.kind === 'import' && found.binding.path === 'tensorflow') return true;
          }
        }
        return (statement.kind === 'function' || statement.kind === 'block') && visit(statement.body);
      });
    return visit(this.program.statements);
  }

  /** The frame for reading code at `offset` as written (a function body without a caller). */
  frameAt(offset: number): Frame {
    const scope = this.scopes.scopeAt(offset);
    return this.frameOf(scope);
  }

  private frameOf(scope: Scope): Frame {
    if (!scope.parent) return this.module;
    let frame = this.directFrames.get(scope.id);
    if (!frame) {
      frame = new Frame(scope, this.frameOf(scope.parent), undefined, undefined, 0);
      this.directFrames.set(scope.id, frame);
    }
    return frame;
  }

  /** Starts a fresh budget for one reading (a hover, an inlay hint). */
  resetBudget(): void {
    this.steps = 0;
    this.elements = 0;
  }

  // -------------------------------------------------------------------------------------------
  // Names

  lookup(name: string, frame: Frame, offset: number, span: Span): Value {
    const binding = this.bindingOf(name, frame, offset);
    if (binding) return this.valueOfBinding(binding.binding, binding.frame);
    const parameter = this.parameterOf(name, frame);
    if (parameter) return parameter;
    throw this.unbound(name, frame, span);
  }

  /** The binding a name refers to at `offset` in `frame`, and the frame it lives in. */
  bindingOf(name: string, frame: Frame, offset: number): { binding: Binding; frame: Frame } | undefined {
    let at = offset;
    for (let f: Frame | undefined = frame; f; f = f.parent) {
      const binding = ScopeIndex.before(f.scope, name, at);
      if (binding) return { binding, frame: f };
      if (f.scope.definition && f.scope.definition.parameters.some((p) => p.name === name)) return undefined;
      // A function reads its enclosing scope as it is when the function runs: at the call, or else anywhere.
      if (f.callerOffset !== undefined) at = f.callerOffset;
      else if (f.parent) {
        const later = ScopeIndex.before(f.parent.scope, name, f.scope.span.from) ?? ScopeIndex.any(f.parent.scope, name);
        if (later) return { binding: later, frame: f.parent };
        at = f.scope.span.from;
      }
    }
    return undefined;
  }

  private parameterOf(name: string, frame: Frame): Value | undefined {
    for (let f: Frame | undefined = frame; f; f = f.parent) {
      const definition = f.scope.definition;
      const parameter = definition?.parameters.find((p) => p.name === name);
      if (!definition || !parameter) continue;
      const bound = f.parameters?.get(name);
      if (bound) return bound;
      // Read without a caller, a parameter has no value yet, even with a default: the callers decide.
      throw new NotResolved(`\`${name}\` is a parameter of \`${definition.name}()\`: its value comes from the caller`, parameter.span);
    }
    return undefined;
  }

  private unbound(name: string, frame: Frame, span: Span): NotResolved {
    const elsewhere = this.scopes.elsewhere(name, frame.scope).filter((s) => s.definition);
    if (elsewhere.length > 0) {
      const where = elsewhere.map((s) => `\`${s.definition!.name}()\` (line ${locate(this.text, s.span.from).line})`).join(', ');
      return new NotResolved(`\`${name}\` is assigned only inside ${where}, which is not visible here`, span);
    }
    if (BUILTINS.has(name)) return new NotResolved(`\`${name}\` is a builtin Loss Lens does not follow here`, span);
    return new NotResolved(`\`${name}\` is not assigned before this line`, span);
  }

  valueOfBinding(binding: Binding, frame: Frame): Value {
    const cached = frame.cache.get(binding);
    if (cached !== undefined) {
      if (cached instanceof NotResolved || cached instanceof InputError) throw cached;
      return cached;
    }
    try {
      const value = this.computeBinding(binding, frame);
      frame.cache.set(binding, value);
      return value;
    } catch (error) {
      if ((error instanceof NotResolved && !(error instanceof LimitReached)) || error instanceof InputError) frame.cache.set(binding, error);
      throw error;
    }
  }

  private computeBinding(binding: Binding, frame: Frame): Value {
    switch (binding.kind) {
      case 'import':
        return { kind: 'module', path: binding.path };
      case 'function':
        return { kind: 'function', definition: binding.definition, scope: { scopeId: this.scopes.scopeOf(binding.definition)?.id ?? 0 } };
      case 'loop':
        throw new NotResolved(
          binding.block === 'for'
            ? `\`${binding.name}\` is a loop variable: its value changes with each pass`
            : `\`${binding.name}\` is bound by a \`${binding.block}\` statement at run time`,
          binding.span,
        );
      case 'assign': {
        const { statement } = binding;
        const value = this.evaluate(statement.value, frame, statement.span.from);
        if (statement.update) {
          const previous = this.lookup(binding.name, frame, statement.span.from - 1, statement.targets[binding.target].span);
          return this.binary(statement.update, previous, value, statement.span, [statement.targets[binding.target].span, statement.value.span]);
        }
        if (!statement.unpacking) return value;
        if (value.kind === 'list' && value.items.length === statement.targets.length) return value.items[binding.target];
        if (value.kind === 'tensor' && value.tensor.shape[0] === statement.targets.length) return this.indexTensor(value, binding.target, statement.value.span);
        throw new NotResolved(`\`${binding.name}\` is unpacked from ${describeKind(value)}`, statement.value.span);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Expressions

  evaluate(expression: Expression, frame: Frame, offset: number): Value {
    if (++this.steps > EVALUATION_LIMITS.steps) throw new LimitReached(`stopped after ${EVALUATION_LIMITS.steps} evaluation steps`, expression.span);
    switch (expression.kind) {
      case 'number':
        return { kind: 'number', value: expression.value, integer: expression.integer };
      case 'string':
        return { kind: 'string', value: expression.value };
      case 'constant':
        return expression.value === null ? { kind: 'none' } : { kind: 'boolean', value: expression.value };
      case 'name':
        return this.name(expression.name, frame, offset, expression.span);
      case 'list': {
        const items = expression.items.map((item) => this.evaluate(item, frame, offset));
        return { kind: 'list', items, tuple: expression.tuple, spans: expression.items.map((item) => item.span) };
      }
      case 'attribute':
        return this.attribute(expression, frame, offset);
      case 'subscript':
        return this.subscript(expression, frame, offset);
      case 'call':
        return this.call(expression, frame, offset);
      case 'binary': {
        if (expression.operator === 'and' || expression.operator === 'or') throw new NotResolved(`\`${expression.operator}\` of values`, expression.span);
        const left = this.evaluate(expression.left, frame, offset);
        const right = this.evaluate(expression.right, frame, offset);
        return this.binary(expression.operator, left, right, expression.span, [expression.left.span, expression.right.span]);
      }
      case 'unary': {
        const operand = this.evaluate(expression.operand, frame, offset);
        if (expression.operator === 'not') {
          if (operand.kind === 'boolean') return { kind: 'boolean', value: !operand.value };
          throw new NotResolved('`not` of a value that is not a boolean', expression.span);
        }
        if (expression.operator === '+') return operand;
        if (operand.kind === 'number') return { ...operand, value: -operand.value };
        if (operand.kind === 'tensor') return this.count(unaryOperation(operand, (v) => -v, operand.dtype));
        if (operand.kind === 'list') return this.count(unaryOperation(toTensor(operand, 'numpy', expression.span), (v) => -v));
        throw new NotResolved(`cannot negate ${describeKind(operand)}`, expression.span);
      }
      case 'slice':
        throw new NotResolved(`the slice ${expression.text}`, expression.span);
      case 'unsupported':
        throw new NotResolved(`${expression.what} is not something Loss Lens follows`, expression.span);
    }
  }

  private name(name: string, frame: Frame, offset: number, span: Span): Value {
    if (this.program.language === 'javascript' && (name === 'NaN' || name === 'Infinity'))
      return { kind: 'number', value: name === 'NaN' ? NaN : Infinity, integer: false };
    if (this.program.language === 'javascript' && name === 'undefined' && !this.bindingOf(name, frame, offset)) return { kind: 'none', undefined: true };
    return this.lookup(name, frame, offset, span);
  }

  private binary(operator: string, left: Value, right: Value, span: Span, spans: [Span, Span]): Value {
    if (operator === '@') throw new NotResolved('matrix multiplication (`@`) is not followed', span);
    const library = left.kind === 'tensor' ? left.library : right.kind === 'tensor' ? right.library : 'numpy';
    if (operator === '+' && left.kind === 'list' && right.kind === 'list') return { kind: 'list', items: [...left.items, ...right.items], tuple: left.tuple };
    if (operator === '+' && left.kind === 'string' && right.kind === 'string') return { kind: 'string', value: left.value + right.value };
    for (const [side, at] of [
      [left, spans[0]],
      [right, spans[1]],
    ] as const) {
      if (side.kind !== 'tensor' && side.kind !== 'number' && side.kind !== 'boolean' && side.kind !== 'list')
        throw new NotResolved(`\`${operator}\` with ${describeKind(side)}`, at);
    }
    const result = arithmetic(operator as ArithmeticOperator, left, right, library, span, spans);
    return result.kind === 'tensor' ? this.count(result) : result;
  }

  private count(value: TensorValue): TensorValue {
    this.elements += value.tensor.data.length;
    if (this.elements > EVALUATION_LIMITS.elements)
      throw new LimitReached(`stopped after ${EVALUATION_LIMITS.elements.toLocaleString('en-US')} computed elements`, { from: 0, to: 0 });
    return value;
  }

  private attribute(expression: Extract<Expression, { kind: 'attribute' }>, frame: Frame, offset: number): Value {
    const object = this.evaluate(expression.object, frame, offset);
    const name = expression.name;
    if (object.kind === 'module') {
      const path = `${object.path}.${name}`;
      const dtype = DTYPE_NAMES.get(name);
      if (dtype && /^(torch|numpy|tensorflow|jax\.numpy|@tensorflow)/.test(object.path)) return { kind: 'dtype', dtype };
      const constant = MODULE_CONSTANTS.get(name);
      if (constant !== undefined && /^(math|numpy|torch|jax\.numpy|tensorflow\.experimental\.numpy)$/.test(object.path))
        return { kind: 'number', value: constant, integer: false };
      // Reduction enums: tf.compat.v1.losses.Reduction.NONE, tf.keras.losses.Reduction.SUM (tf.keras 2), tfjs tf.Reduction.MEAN.
      if (object.path.endsWith('.Reduction') && /^[A-Z_]+$/.test(name)) {
        if (!object.path.includes('keras')) return { kind: 'string', value: name };
        return { kind: 'string', value: name === 'AUTO' ? 'sum_over_batch_size' : name.toLowerCase() };
      }
      return { kind: 'module', path };
    }
    if (object.kind === 'tensor') {
      switch (name) {
        case 'shape':
          return object.library === 'tfjs' ? { ...(shapeValue(object) as Extract<Value, { kind: 'list' }>), tuple: false } : shapeValue(object);
        case 'ndim':
        case 'rank':
          return { kind: 'number', value: object.tensor.shape.length, integer: true };
        case 'size':
          if (object.library !== 'torch') return { kind: 'number', value: object.tensor.data.length, integer: true };
          break;
        case 'dtype':
          return { kind: 'dtype', dtype: object.dtype };
        case 'T':
        case 'mT':
          return this.methodCall(object, expression.object.span, 't', [], new Map(), expression.span, []);
        case 'data':
          return object;
        default:
          break;
      }
      return { kind: 'module', path: `<tensor>.${name}` };
    }
    if (object.kind === 'list' && name === 'length') return { kind: 'number', value: object.items.length, integer: true };
    throw new NotResolved(`\`.${name}\` of ${describeKind(object)}`, expression.nameSpan);
  }

  private subscript(expression: Extract<Expression, { kind: 'subscript' }>, frame: Frame, offset: number): Value {
    const object = this.evaluate(expression.object, frame, offset);
    const indices = expression.index.kind === 'list' && expression.index.tuple ? expression.index.items : [expression.index];
    if (object.kind === 'list') {
      if (indices.length !== 1) throw new NotResolved('a multi-axis index of a list', expression.index.span);
      const index = this.evaluate(indices[0], frame, offset);
      if (index.kind !== 'number' || !index.integer) throw new NotResolved(`a list index that is ${describeKind(index)}`, indices[0].span);
      const at = index.value < 0 ? index.value + object.items.length : index.value;
      if (at < 0 || at >= object.items.length)
        throw new CodeInputError(
          `index ${index.value} is out of range for a ${object.tuple ? 'tuple' : 'list'} of ${object.items.length}`,
          indices[0].span,
          'index',
        );
      return object.items[at];
    }
    if (object.kind !== 'tensor') throw new NotResolved(`indexing ${describeKind(object)}`, expression.span);
    let result: TensorValue = object;
    let axis = 0;
    for (const index of indices) {
      if (index.kind === 'slice') {
        if (index.text === ':') {
          axis++;
          continue;
        }
        throw new NotResolved(`the slice ${index.text}`, index.span);
      }
      const value = this.evaluate(index, frame, offset);
      if (value.kind !== 'number' || !value.integer) throw new NotResolved(`a tensor index that is ${describeKind(value)}`, index.span);
      result = this.indexTensor(result, value.value, index.span, axis);
    }
    return result;
  }

  /** `t[index]` along `axis` (the axis is removed). */
  private indexTensor(t: TensorValue, index: number, span: Span, axis = 0): TensorValue {
    const shape = t.tensor.shape;
    if (axis >= shape.length) throw new CodeInputError(`too many indices for a tensor of rank ${shape.length}`, span, 'index');
    const size = shape[axis];
    const at = index < 0 ? index + size : index;
    if (at < 0 || at >= size) throw new CodeInputError(`index ${index} is out of range for axis ${axis} of size ${size}`, span, 'index');
    let inner = 1;
    for (let i = axis + 1; i < shape.length; i++) inner *= shape[i];
    const outer = elementCount(shape.slice(0, axis));
    const data = new Float64Array(outer * inner);
    for (let o = 0; o < outer; o++) data.set(t.tensor.data.subarray(o * size * inner + at * inner, o * size * inner + (at + 1) * inner), o * inner);
    const spans = t.elementSpans
      ? Array.from({ length: outer * inner }, (_, k) => t.elementSpans![Math.floor(k / inner) * size * inner + at * inner + (k % inner)])
      : undefined;
    return {
      ...makeTensor(
        shape.filter((_, i) => i !== axis),
        data,
        t.dtype,
        t.library,
      ),
      elementSpans: spans,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Calls

  private call(expression: Call, frame: Frame, offset: number): Value {
    const callee = expression.callee;
    if (callee.kind === 'attribute') {
      const object = this.evaluate(callee.object, frame, offset);
      if (object.kind === 'tensor') {
        const { positional, keyword, positionalSpans, keywordSpans } = this.arguments(expression.args, frame, offset);
        return this.methodCall(object, callee.object.span, callee.name, positional, keyword, expression.span, positionalSpans, keywordSpans);
      }
      if (object.kind === 'list' && (callee.name === 'as_list' || callee.name === 'tolist')) return { ...object, tuple: false };
      if (object.kind === 'module') return this.callValue({ kind: 'module', path: `${object.path}.${callee.name}` }, expression, frame, offset);
      if (object.kind === 'loss-object' && callee.name === 'call') return this.callValue(object, expression, frame, offset);
      throw new NotResolved(`\`.${callee.name}()\` of ${describeKind(object)}`, callee.nameSpan);
    }
    if (callee.kind === 'name' && BUILTINS.has(callee.name) && !this.bindingOf(callee.name, frame, offset))
      return this.builtin(callee.name, expression, frame, offset);
    return this.callValue(this.evaluate(callee, frame, offset), expression, frame, offset);
  }

  private callValue(callee: Value, expression: Call, frame: Frame, offset: number): Value {
    if (callee.kind === 'function') return this.userFunction(callee.definition, expression, frame, offset);
    if (callee.kind === 'loss-object') return this.lossValue(this.evaluateLossCall(expression, frame, offset));
    if (callee.kind !== 'module') throw new NotResolved(`calling ${describeKind(callee)}`, expression.callee.span);
    const entry = catalogueEntry(callee.path, this.program.language, this.tensorflow1);
    if (entry) {
      if (entry.form === 'class') return this.constructLossObject(entry, expression, frame, offset);
      return this.lossValue(this.evaluateLossCall(expression, frame, offset));
    }
    const found = moduleOperation(callee.path);
    const written = dottedName(expression.callee) ?? callee.path;
    if (!found) throw new NotResolved(`\`${written}()\` is not an operation Loss Lens follows`, expression.callee.span);
    const { positional, keyword, positionalSpans, keywordSpans } = this.arguments(expression.args, frame, offset);
    const result = found.operation({ name: written, library: found.library, positional, keyword, positionalSpans, keywordSpans, span: expression.span });
    return result.kind === 'tensor' ? this.count(result) : result;
  }

  private methodCall(
    object: TensorValue,
    objectSpan: Span,
    name: string,
    positional: readonly Value[],
    keyword: ReadonlyMap<string, Value>,
    span: Span,
    positionalSpans: readonly Span[],
    keywordSpans: ReadonlyMap<string, Span> = new Map(),
  ): Value {
    const operation = tensorMethod(object, name);
    if (!operation) throw new NotResolved(`\`.${name}()\` is not a tensor method Loss Lens follows`, span);
    const result = operation({
      name: `.${name}()`,
      library: object.library,
      positional,
      keyword,
      positionalSpans,
      keywordSpans,
      span,
      receiver: object,
      receiverSpan: objectSpan,
    });
    return result.kind === 'tensor' ? this.count(result) : result;
  }

  private arguments(
    args: readonly Argument[],
    frame: Frame,
    offset: number,
  ): { positional: Value[]; keyword: Map<string, Value>; positionalSpans: Span[]; keywordSpans: Map<string, Span> } {
    const positional: Value[] = [];
    const positionalSpans: Span[] = [];
    const keyword = new Map<string, Value>();
    const keywordSpans = new Map<string, Span>();
    for (const arg of args) {
      if (arg.spread) throw new NotResolved('`*args` / `**kwargs` arguments are not followed', arg.span);
      const value = this.evaluate(arg.value, frame, offset);
      if (arg.name) {
        keyword.set(arg.name, value);
        keywordSpans.set(arg.name, arg.value.span);
      } else {
        positional.push(value);
        positionalSpans.push(arg.value.span);
      }
    }
    return { positional, keyword, positionalSpans, keywordSpans };
  }

  private builtin(name: string, expression: Call, frame: Frame, offset: number): Value {
    const { positional, positionalSpans } = this.arguments(expression.args, frame, offset);
    const [first] = positional;
    const span = positionalSpans[0] ?? expression.span;
    switch (name) {
      case 'print':
        return { kind: 'none' };
      case 'len':
        if (first?.kind === 'list') return { kind: 'number', value: first.items.length, integer: true };
        if (first?.kind === 'tensor' && first.tensor.shape.length > 0) return { kind: 'number', value: first.tensor.shape[0], integer: true };
        break;
      case 'float':
      case 'int': {
        const number = first?.kind === 'number' ? first.value : first?.kind === 'tensor' && first.tensor.data.length === 1 ? first.tensor.data[0] : undefined;
        if (number !== undefined) return { kind: 'number', value: name === 'int' ? Math.trunc(number) : number, integer: name === 'int' };
        if (first?.kind === 'string' && name === 'float') {
          const value = Number(first.value.replace(/^\s*([+-]?)inf(inity)?\s*$/i, '$1Infinity'));
          if (!Number.isNaN(value) || /nan/i.test(first.value)) return { kind: 'number', value, integer: false };
        }
        break;
      }
      case 'abs':
        if (first?.kind === 'number') return { ...first, value: Math.abs(first.value) };
        break;
      case 'list':
      case 'tuple':
        if (first?.kind === 'list') return { ...first, tuple: name === 'tuple' };
        break;
      case 'open':
      case 'input':
        throw new NotResolved(`\`${name}()\` reads at run time`, expression.span);
      default:
        break;
    }
    throw new NotResolved(`\`${name}()\` of ${first ? describeKind(first) : 'nothing'} is not followed`, span);
  }

  /** A user function called with these arguments: parameters bound, body read straight through. */
  private userFunction(definition: FunctionDefinition, expression: Call, frame: Frame, offset: number): Value {
    if (frame.depth + 1 > EVALUATION_LIMITS.callDepth) throw new LimitReached(`calls nest deeper than ${EVALUATION_LIMITS.callDepth} levels`, expression.span);
    if (definition.variadic) throw new NotResolved(`\`${definition.name}()\` takes *args or **kwargs`, expression.callee.span);
    const scope = this.scopes.scopeOf(definition);
    if (!scope) throw new NotResolved(`\`${definition.name}()\` has no body Loss Lens can read`, expression.callee.span);
    const { positional, keyword, positionalSpans } = this.arguments(expression.args, frame, offset);
    const parameters = new Map<string, Value>();
    if (positional.length > definition.parameters.length) {
      throw new CodeInputError(
        `${definition.name}() takes ${definition.parameters.length} arguments but ${positional.length} were given`,
        positionalSpans[definition.parameters.length],
        'arguments',
      );
    }
    positional.forEach((value, i) => parameters.set(definition.parameters[i].name, value));
    for (const [name, value] of keyword) {
      if (!definition.parameters.some((p) => p.name === name))
        throw new CodeInputError(`${definition.name}() has no parameter ${name}`, expression.argsSpan, 'arguments');
      parameters.set(name, value);
    }
    const parentFrame = this.frameOf(scope.parent ?? this.scopes.module);
    const callFrame = new Frame(scope, parentFrame, parameters, frame.callerOffset ?? offset, frame.depth + 1);
    for (const parameter of definition.parameters) {
      if (parameters.has(parameter.name)) continue;
      if (!parameter.default) throw new CodeInputError(`${definition.name}() is missing the argument ${parameter.name}`, expression.argsSpan, 'arguments');
      parameters.set(parameter.name, this.evaluate(parameter.default, parentFrame, definition.span.from));
    }
    if (definition.expressionBody) return this.evaluate(definition.expressionBody, callFrame, definition.expressionBody.span.from);
    const returned = returnOf(definition.body);
    if (!returned)
      throw new NotResolved(
        `\`${definition.name}()\` has no \`return\` Loss Lens can follow (only straight-line assignments and a final return)`,
        definition.nameSpan,
      );
    if (!returned.value) return { kind: 'none' };
    return this.evaluate(returned.value, callFrame, returned.span.from);
  }

  private constructLossObject(entry: CallEntry, expression: Call, frame: Frame, offset: number): Value {
    const { list, spans } = this.argumentList(entry, 'init', expression.args, frame, offset);
    return { kind: 'loss-object', entry, init: list, initSpans: spans, span: expression.span };
  }

  /** Arguments evaluated and converted to what the catalogue binds. */
  private argumentList(
    entry: CallEntry,
    stage: 'init' | 'call',
    args: readonly Argument[],
    frame: Frame,
    offset: number,
  ): { list: ArgumentList; spans: Map<string, Span>; tensors: Map<string, TensorValue> } {
    const positional: ArgumentValue[] = [];
    const keyword: Record<string, ArgumentValue> = {};
    const spans = new Map<string, Span>();
    const tensors = new Map<string, TensorValue>();
    const library = LIBRARY_OF_FRAMEWORK[entry.framework];
    const convert = (value: Value, span: Span, name: string): ArgumentValue => {
      try {
        return convertValue(value, span, name);
      } catch (error) {
        throw error instanceof NotResolved ? error.forArgument(name.startsWith('#') ? (positionalNames[Number(name.slice(1))] ?? name) : name) : error;
      }
    };
    const convertValue = (value: Value, span: Span, name: string | undefined): ArgumentValue => {
      switch (value.kind) {
        case 'tensor':
        case 'list': {
          const t = toTensor(value, library, span);
          if (t.uninitialised)
            throw new NotResolved(
              `${name?.startsWith('#') ? 'this argument' : name} comes from torch.empty(), whose values are uninitialised memory`,
              t.uninitialised,
            );
          if (name) tensors.set(name, t);
          return t.tensor;
        }
        case 'number':
          return value.value;
        case 'boolean':
          return value.value;
        case 'string':
          return value.value;
        case 'none':
          return null;
        default:
          throw new NotResolved(`${name ?? 'the argument'} is ${describeKind(value)}, not a value`, span);
      }
    };
    let index = 0;
    const positionalNames = entry.parameters.filter((p) => (p.stage ?? 'call') === stage && !p.keywordOnly).map((p) => p.name);
    for (const arg of args) {
      if (arg.spread) throw new NotResolved('`*args` / `**kwargs` arguments are not followed', arg.span);
      const parameter = arg.name ?? positionalNames[index] ?? `argument ${index + 1}`;
      let value: Value;
      try {
        value = this.liveValues?.get(this.text.slice(arg.value.span.from, arg.value.span.to)) ?? this.evaluate(arg.value, frame, offset);
      } catch (error) {
        throw error instanceof NotResolved ? error.forArgument(parameter) : error;
      }
      if (!arg.name && value.kind === 'none' && value.undefined) {
        // `undefined` in JavaScript leaves the parameter at its default: later arguments keep their positions by name.
        index++;
        continue;
      }
      if (!arg.name && positional.length < index) {
        const name = positionalNames[index] ?? `#${index}`;
        keyword[name] = convert(value, arg.value.span, name);
        spans.set(name, arg.value.span);
        index++;
      } else if (arg.name) {
        keyword[arg.name] = convert(value, arg.value.span, arg.name);
        spans.set(arg.name, arg.value.span);
      } else {
        positional.push(convert(value, arg.value.span, `#${index}`));
        spans.set(`#${index}`, arg.value.span);
        index++;
      }
    }
    return { list: { positional, keyword }, spans, tensors };
  }

  /** Arguments taken from a running program (by their text in the call), while one reading lasts. */
  private liveValues: ReadonlyMap<string, Value> | undefined;

  /** A loss call with some arguments given from outside (a debugger's live values), not memoised. */
  evaluateLossCallWith(expression: Call, frame: Frame, offset: number, values: ReadonlyMap<string, Value>): LossEvaluation {
    this.liveValues = values;
    try {
      return this.computeLossCall(expression, frame, offset);
    } finally {
      this.liveValues = undefined;
    }
  }

  /** A framework loss call: its arguments bound by the catalogue and computed as the framework does. */
  evaluateLossCall(expression: Call, frame: Frame, offset: number): LossEvaluation {
    const memo = frame === this.frameOf(frame.scope) ? this.lossEvaluations.get(expression) : undefined;
    if (memo) {
      if (memo instanceof NotResolved || memo instanceof InputError) throw memo;
      return memo;
    }
    try {
      const evaluation = this.computeLossCall(expression, frame, offset);
      if (frame === this.frameOf(frame.scope)) this.lossEvaluations.set(expression, evaluation);
      return evaluation;
    } catch (error) {
      if (frame === this.frameOf(frame.scope) && ((error instanceof NotResolved && !(error instanceof LimitReached)) || error instanceof InputError))
        this.lossEvaluations.set(expression, error);
      throw error;
    }
  }

  private computeLossCall(expression: Call, frame: Frame, offset: number): LossEvaluation {
    const callee = this.evaluate(expression.callee, frame, offset);
    let entry: CallEntry;
    let init: ArgumentList | undefined;
    const initSpans = new Map<string, Span>();
    let constructorCall: Call | undefined;
    if (callee.kind === 'loss-object') {
      entry = callee.entry;
      init = callee.init;
      constructorCall = this.constructorCallOf(expression.callee, frame, offset);
      const initParameters = entry.parameters.filter((p) => p.stage === 'init');
      for (const [key, span] of callee.initSpans) initSpans.set(key.startsWith('#') ? (initParameters[Number(key.slice(1))]?.name ?? key) : key, span);
    } else if (callee.kind === 'module') {
      const found = catalogueEntry(callee.path, this.program.language, this.tensorflow1);
      if (!found || found.form !== 'function') throw new NotResolved(`\`${callee.path}\` is not a loss call`, expression.callee.span);
      entry = found;
    } else throw new NotResolved(`calling ${describeKind(callee)}`, expression.callee.span);
    const { list, spans, tensors } = this.argumentList(entry, 'call', expression.args, frame, offset);
    const callParameters = entry.parameters.filter((p) => (p.stage ?? 'call') === 'call' && !p.keywordOnly);
    const argumentSpans = new Map<string, Span>(initSpans);
    const tensorsByName = new Map<string, TensorValue>();
    for (const [key, span] of spans) argumentSpans.set(key.startsWith('#') ? (callParameters[Number(key.slice(1))]?.name ?? key) : key, span);
    for (const [key, t] of tensors) tensorsByName.set(key.startsWith('#') ? (callParameters[Number(key.slice(1))]?.name ?? key) : key, t);
    const float32 = !firstTensorIsFloat64(entry, tensorsByName);
    let report: CallReport;
    try {
      report = catalogue().evaluateCall(entry, list, { float32, init });
    } catch (error) {
      if (error instanceof InputError && !(error instanceof CodeInputError)) {
        const span = (error.argument ? argumentSpans.get(error.argument) : undefined) ?? expression.argsSpan;
        const tensor = error.argument ? tensorsByName.get(error.argument) : undefined;
        const at = tensor && error.element !== undefined ? (tensor.elementSpans?.[error.element] ?? span) : span;
        throw new LossCallFailed(
          error.message,
          at,
          error.element !== undefined ? 'invalid-value' : 'invalid-argument',
          entry,
          tensorsByName,
          argumentSpans,
          constructorCall,
        );
      }
      throw error;
    }
    const origins: ArgumentOrigin[] = entry.parameters.map((p) => {
      const span = argumentSpans.get(p.name);
      return span
        ? { parameter: p.name, source: 'code', span, binding: this.bindingSpan(expression, span, frame, offset) }
        : { parameter: p.name, source: 'default' };
    });
    const positional = new Set<string>();
    for (const key of callee.kind === 'loss-object' ? callee.initSpans.keys() : [])
      if (key.startsWith('#')) positional.add(entry.parameters.filter((p) => p.stage === 'init')[Number(key.slice(1))]?.name ?? key);
    for (const key of spans.keys()) if (key.startsWith('#')) positional.add(callParameters[Number(key.slice(1))]?.name ?? key);
    return { entry, report, origins, argumentSpans, tensors: tensorsByName, constructorCall, list, init, positional };
  }

  /** For an argument written as a name, the assignment it was read from. */
  private bindingSpan(call: Call, span: Span, frame: Frame, offset: number): Span | undefined {
    const arg = [...call.args].find((a) => a.value.span.from === span.from && a.value.span.to === span.to)?.value;
    if (arg?.kind !== 'name') return undefined;
    const found = this.bindingOf(arg.name, frame, offset);
    return found?.binding.kind === 'assign' ? found.binding.statement.span : undefined;
  }

  /** The `nn.CrossEntropyLoss(...)` call that built the loss object `callee` refers to. */
  private constructorCallOf(callee: Expression, frame: Frame, offset: number): Call | undefined {
    if (callee.kind === 'call') return callee;
    if (callee.kind === 'name') {
      const found = this.bindingOf(callee.name, frame, offset);
      if (found?.binding.kind === 'assign' && found.binding.statement.value.kind === 'call') return found.binding.statement.value;
    }
    if (callee.kind === 'attribute' && callee.name === 'call') return this.constructorCallOf(callee.object, frame, offset);
    return undefined;
  }

  private lossValue(evaluation: LossEvaluation): TensorValue {
    const library = LIBRARY_OF_FRAMEWORK[evaluation.entry.framework];
    const value = evaluation.report.value;
    return {
      kind: 'tensor',
      tensor: value,
      dtype: evaluation.report.float32 ? 'float32' : 'float64',
      library: evaluation.entry.framework === 'keras' ? 'tensorflow' : library,
    };
  }
}

/** The catalogue refused the call's arguments; the inputs are kept for the checks that explain why. */
export class LossCallFailed extends CodeInputError {
  constructor(
    message: string,
    span: Span,
    code: string,
    readonly entry: CallEntry,
    readonly tensors: ReadonlyMap<string, TensorValue>,
    readonly argumentSpans: ReadonlyMap<string, Span>,
    /** The constructor call of a loss object, when the call used one (a fix that renames the loss edits it). */
    readonly constructorCall?: Call,
  ) {
    super(message, span, code);
  }
}

/** PyTorch and tf.nn compute in the inputs' dtype; Keras, optax and tfjs compute in float32 by default. */
function firstTensorIsFloat64(entry: CallEntry, tensors: ReadonlyMap<string, TensorValue>): boolean {
  if (entry.framework !== 'pytorch' && entry.framework !== 'torchvision' && entry.framework !== 'tensorflow') return false;
  const first = entry.parameters.find((p) => p.type.kind === 'tensor' && tensors.has(p.name));
  return first !== undefined && tensors.get(first.name)?.dtype === 'float64';
}

/** The final `return` of a body made of assignments and expressions (docstrings, prints) only. */
function returnOf(body: readonly Statement[]): Extract<Statement, { kind: 'return' }> | undefined {
  for (let i = 0; i < body.length; i++) {
    const statement = body[i];
    if (statement.kind === 'return') return i === body.length - 1 || body.slice(i + 1).every((s) => s.kind === 'function') ? statement : undefined;
    if (statement.kind === 'block') return undefined;
  }
  return undefined;
}
