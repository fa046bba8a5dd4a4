/**
 * The expressions Loss Lens sends to a debug adapter to read one tensor of the paused program.
 *
 * Each debug type has a template: an expression with the placeholder `${expression}` (the user's
 * expression, in parentheses) and `${maxElements}` (the element limit), and the DAP `evaluate`
 * context to send it in. The expression returns ONE string, the encoding that `decode.ts` reads:
 *
 *   {"v": 1, "shape": [2, 3], "dtype": "float32", "size": 6, "data": "<base64 of float64 LE>"}
 *
 * or, without the data, `{"v": 1, "error": "too-many" | "non-numeric" | "ragged", ...}`. The element
 * limit is checked inside the expression, from the shape, before any data is copied, and again on
 * decode. A template written by a user may send `"data": [1, 2, ...]` (JSON numbers, or the strings
 * "NaN", "Infinity", "-Infinity") instead of base64.
 *
 * The program's state is never changed: no assignment, no `import` statement, nothing bound in the
 * frame. The Python template runs its (readable) encoder through `exec` into a fresh dictionary that
 * nothing else sees, and reads numpy and torch only from `sys.modules` (it never imports them);
 * the JavaScript template is one arrow-function call whose names are its own.
 *
 * Evaluate contexts (checked in the adapters' sources):
 * - js-debug (microsoft/vscode-js-debug, src/adapter/threads.ts `_evaluteJs`): `hover` only adds a
 *   500 ms timeout (`getHoverEvalTimeout`) and its previews are cut at 1,000 characters
 *   (src/adapter/objectPreview/contexts.ts: hover and watch budget 1000, repl 100,000); there is no
 *   side-effect-free mode for `evaluate` (V8's `throwOnSideEffect` is used only for completions and
 *   getter previews). `clipboard` has no timeout and an unlimited budget (`copy`: Infinity), and
 *   returns the string JSON-quoted (serializeForClipboard.ts); the adapter declares
 *   `supportsClipboardContext`. So Loss Lens uses `clipboard`, with an expression that is pure.
 * - debugpy (microsoft/debugpy, pydevd `internal_evaluate_expression_json` in pydevd_comm.py): no
 *   context is side-effect free; `repl` falls back to `exec` of statements, while `hover`, `watch`
 *   and `clipboard` only `eval`. `clipboard` lifts SafeRepr's length limits (maxstring_outer 2**64),
 *   the others cut long strings. So Loss Lens uses `clipboard`; the value comes back as the Python
 *   repr of the string ('...'), and an exception as its repr (`NameError("name 'x' is not defined")`).
 */

/** How Loss Lens evaluates tensors for one debug type. */
export interface ExpressionTemplate {
  /** The expression, with `${expression}` and optionally `${maxElements}`. */
  readonly expression: string;
  /** The DAP `evaluate` context. */
  readonly context: string;
}

export const EXPRESSION_PLACEHOLDER = '${expression}';
export const LIMIT_PLACEHOLDER = '${maxElements}';

/**
 * The Python encoder, run with `exec` in a fresh namespace. `encode(v, limit)` returns the JSON
 * string. It reads torch tensors through `.detach().cpu()` (so `requires_grad` and CUDA tensors
 * work), anything numpy can read (NumPy arrays and scalars, TensorFlow tensors and variables, JAX
 * arrays) through `numpy.asarray`, and nested lists and tuples of numbers by walking them.
 */
const PYTHON_ENCODER = `
def encode(v, limit):
    json = __import__('json')
    sys = __import__('sys')
    b64 = __import__('base64')
    struct = __import__('struct')
    np = sys.modules.get('numpy')
    def out(**fields):
        fields['v'] = 1
        return json.dumps(fields)
    def number(x):
        return isinstance(x, (bool, int, float)) or (hasattr(x, '__float__') and not isinstance(x, (str, bytes, complex)))
    def packed(values):
        return b64.b64encode(struct.pack('<%dd' % len(values), *values)).decode('ascii')
    kind = type(v)
    module = (getattr(kind, '__module__', None) or '').split('.')[0]
    if module == 'torch' and hasattr(v, 'detach'):
        a = v.detach()
        dtype = str(a.dtype).replace('torch.', '')
        shape = [int(d) for d in a.shape]
        size = int(a.numel())
        if a.is_complex() or dtype in ('quint8', 'qint8', 'qint32'):
            return out(error='non-numeric', type=kind.__name__, dtype=dtype, shape=shape)
        if size > limit:
            return out(error='too-many', type=kind.__name__, dtype=dtype, shape=shape, size=size)
        flat = a.cpu().double().reshape(-1)
        data = b64.b64encode(flat.numpy().tobytes()).decode('ascii') if np is not None else packed(flat.tolist())
        return out(shape=shape, dtype=dtype, size=size, data=data)
    if not isinstance(v, (list, tuple, str, bytes)) and hasattr(v, 'shape') and hasattr(v, 'dtype'):
        if np is None:
            return out(error='non-numeric', type=kind.__name__, reason='numpy is not loaded')
        size = 1
        for d in v.shape:
            size *= int(d)
        if size > limit:
            return out(error='too-many', type=kind.__name__, dtype=str(v.dtype), shape=[int(d) for d in v.shape], size=size)
        n = np.asarray(v)
        shape = [int(d) for d in n.shape]
        if n.dtype.kind not in 'biuf':
            return out(error='non-numeric', type=kind.__name__, dtype=str(n.dtype), shape=shape)
        return out(shape=shape, dtype=str(n.dtype), size=int(n.size), data=b64.b64encode(n.astype('<f8').tobytes()).decode('ascii'))
    if number(v) and not isinstance(v, (list, tuple)):
        return out(shape=[], dtype='float64' if isinstance(v, float) else kind.__name__, size=1, data=packed([float(v)]))
    if not isinstance(v, (list, tuple)):
        return out(error='non-numeric', type=kind.__name__)
    shape = []
    x = v
    while isinstance(x, (list, tuple)):
        shape.append(len(x))
        if len(x) == 0:
            break
        x = x[0]
    size = 1
    for d in shape:
        size *= d
    if size > limit:
        return out(error='too-many', type=kind.__name__, shape=shape, size=size)
    flat = []
    depth = len(shape)
    def walk(x, d):
        if d == depth:
            if isinstance(x, (list, tuple)):
                return []
            flat.append(x)
            return None
        if not isinstance(x, (list, tuple)) or len(x) != shape[d]:
            return []
        for i, y in enumerate(x):
            p = walk(y, d + 1)
            if p is not None:
                return [i] + p
        return None
    path = walk(v, 0)
    if path is not None:
        item = v
        for i in path:
            item = item[i]
        found = len(item) if isinstance(item, (list, tuple)) else None
        return out(error='ragged', path=path, expected=shape[len(path)] if len(path) < depth else None, found=found)
    for i, x in enumerate(flat):
        if not number(x):
            return out(error='non-numeric', index=i, shape=shape, type=type(x).__name__)
    ints = all(isinstance(x, (bool, int)) for x in flat)
    return out(shape=shape, dtype='int64' if ints and flat else 'float64', size=size, data=packed([float(x) for x in flat]))
`;

/** The default template for debugpy (`debugpy`, and `python` of the older Python extension). */
export const PYTHON_TEMPLATE: ExpressionTemplate = {
  expression: `(lambda ns, v: exec(${JSON.stringify(PYTHON_ENCODER)}, ns) or ns['encode'](v, ${LIMIT_PLACEHOLDER}))({}, ${EXPRESSION_PLACEHOLDER})`,
  context: 'clipboard',
};

/**
 * The JavaScript encoder: one arrow function called with the value. TensorFlow.js tensors are read
 * with `dataSync()` (the flat values, what `arraySync()` nests), typed arrays as they are, nested
 * arrays by walking them. `btoa` exists in browsers and Node ≥ 16; Buffer is the fallback.
 */
const JAVASCRIPT_ENCODER = `((v, limit) => {
  const out = (fields) => JSON.stringify(Object.assign({ v: 1 }, fields));
  const typeName = (x) => (x === null ? 'null' : Array.isArray(x) ? 'Array' : typeof x === 'object' ? (x.constructor && x.constructor.name) || 'Object' : typeof x);
  const encode = (values) => {
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return typeof btoa === 'function' ? btoa(text) : Buffer.from(text, 'binary').toString('base64');
  };
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const data = (values) => {
    const f64 = Float64Array.from(values, Number);
    if (!little) { const view = new DataView(f64.buffer); for (let i = 0; i < f64.length; i++) view.setFloat64(i * 8, f64[i], true); }
    return encode(f64);
  };
  if (v !== null && typeof v === 'object' && typeof v.dataSync === 'function' && Array.isArray(v.shape) && typeof v.dtype === 'string') {
    const shape = v.shape.slice();
    const size = shape.reduce((a, b) => a * b, 1);
    if (v.dtype !== 'float32' && v.dtype !== 'int32' && v.dtype !== 'bool') return out({ error: 'non-numeric', type: 'Tensor', dtype: v.dtype, shape });
    if (size > limit) return out({ error: 'too-many', type: 'Tensor', dtype: v.dtype, shape, size });
    return out({ shape, dtype: v.dtype, size, data: data(v.dataSync()) });
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    if (v.length > limit) return out({ error: 'too-many', type: typeName(v), shape: [v.length], size: v.length });
    return out({ shape: [v.length], dtype: typeName(v), size: v.length, data: data(v) });
  }
  const numeric = (x) => typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint';
  if (numeric(v)) return out({ shape: [], dtype: typeof v, size: 1, data: data([v]) });
  if (!Array.isArray(v)) return out({ error: 'non-numeric', type: typeName(v) });
  const shape = [];
  for (let x = v; Array.isArray(x); x = x[0]) { shape.push(x.length); if (x.length === 0) break; }
  const size = shape.reduce((a, b) => a * b, 1);
  if (size > limit) return out({ error: 'too-many', type: 'Array', shape, size });
  const flat = [];
  const walk = (x, d) => {
    if (d === shape.length) { if (Array.isArray(x)) return []; flat.push(x); return null; }
    if (!Array.isArray(x) || x.length !== shape[d]) return [];
    for (let i = 0; i < x.length; i++) { const p = walk(x[i], d + 1); if (p !== null) return [i].concat(p); }
    return null;
  };
  const path = walk(v, 0);
  if (path !== null) {
    let item = v;
    for (const i of path) item = item[i];
    return out({ error: 'ragged', path, expected: path.length < shape.length ? shape[path.length] : null, found: Array.isArray(item) ? item.length : null });
  }
  const bad = flat.findIndex((x) => !numeric(x));
  if (bad >= 0) return out({ error: 'non-numeric', index: bad, shape, type: typeName(flat[bad]) });
  const ints = flat.length > 0 && flat.every((x) => typeof x !== 'number' || Number.isInteger(x));
  return out({ shape, dtype: ints ? 'int' : 'number', size, data: data(flat) });
})`;

/** The default template for VS Code's built-in JavaScript debugger (js-debug). */
export const JAVASCRIPT_TEMPLATE: ExpressionTemplate = {
  expression: `${JAVASCRIPT_ENCODER}(${EXPRESSION_PLACEHOLDER}, ${LIMIT_PLACEHOLDER})`,
  context: 'clipboard',
};

/** The debug types each default template is for. */
export const DEFAULT_TEMPLATES: Readonly<Record<string, ExpressionTemplate>> = {
  debugpy: PYTHON_TEMPLATE,
  python: PYTHON_TEMPLATE,
  'pwa-node': JAVASCRIPT_TEMPLATE,
  node: JAVASCRIPT_TEMPLATE,
  'node-terminal': JAVASCRIPT_TEMPLATE,
  'pwa-chrome': JAVASCRIPT_TEMPLATE,
  chrome: JAVASCRIPT_TEMPLATE,
  'pwa-msedge': JAVASCRIPT_TEMPLATE,
  msedge: JAVASCRIPT_TEMPLATE,
  'pwa-extensionHost': JAVASCRIPT_TEMPLATE,
  extensionHost: JAVASCRIPT_TEMPLATE,
};

/**
 * A user's template from `lossLens.debug.expressionTemplates`: a string (the expression; context
 * `watch`) or `{ expression, context? }`. Undefined when it is neither or lacks `${expression}`.
 */
export function parseUserTemplate(value: unknown): ExpressionTemplate | undefined {
  if (typeof value === 'string') return value.includes(EXPRESSION_PLACEHOLDER) ? { expression: value, context: 'watch' } : undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { expression, context } = value as { expression?: unknown; context?: unknown };
  if (typeof expression !== 'string' || !expression.includes(EXPRESSION_PLACEHOLDER)) return undefined;
  if (context !== undefined && typeof context !== 'string') return undefined;
  return { expression, context: typeof context === 'string' && context.length > 0 ? context : 'watch' };
}

/** The template for a debug type: the user's first, then the default; undefined when there is none. */
export function templateFor(debugType: string, user: Readonly<Record<string, ExpressionTemplate>> = {}): ExpressionTemplate | undefined {
  return Object.prototype.hasOwnProperty.call(user, debugType)
    ? user[debugType]
    : Object.prototype.hasOwnProperty.call(DEFAULT_TEMPLATES, debugType)
      ? DEFAULT_TEMPLATES[debugType]
      : undefined;
}

/**
 * The expression to evaluate: the template with the user's expression (in parentheses, so that
 * `a if c else b` or `x, y` stays one argument) and the limit filled in. The placeholders are
 * replaced in one pass, so an expression that itself contains `${maxElements}` is left as written.
 */
export function buildExpression(template: ExpressionTemplate, expression: string, maxElements: number): string {
  const limit = String(Math.max(0, Math.floor(maxElements)));
  return template.expression.replace(/\$\{(expression|maxElements)\}/g, (_, name: string) => (name === 'expression' ? `(${expression})` : limit));
}
