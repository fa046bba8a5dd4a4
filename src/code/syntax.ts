/**
 * The part of a Python or JavaScript program the code reader understands, in one small tree for
 * both languages. python-syntax.ts and javascript-syntax.ts build it from the Lezer parse trees;
 * everything after them (imports, scopes, evaluation, loss calls) reads only this. A construct the
 * reader does not model becomes `unsupported` with what it is, so an argument that depends on it
 * can say why it was not resolved.
 */

/** How deep the syntax readers follow nested expressions (the literal parser's own depth limit is 32). */
export const MAX_SYNTAX_DEPTH = 500;

/** Offsets into the document text, `from` inclusive, `to` exclusive. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

export type Expression =
  | { readonly kind: 'name'; readonly name: string; readonly span: Span }
  | { readonly kind: 'attribute'; readonly object: Expression; readonly name: string; readonly nameSpan: Span; readonly span: Span }
  | { readonly kind: 'subscript'; readonly object: Expression; readonly index: Expression; readonly span: Span }
  | { readonly kind: 'call'; readonly callee: Expression; readonly args: readonly Argument[]; readonly argsSpan: Span; readonly span: Span }
  | { readonly kind: 'number'; readonly value: number; readonly integer: boolean; readonly span: Span }
  | { readonly kind: 'string'; readonly value: string; readonly span: Span }
  | { readonly kind: 'constant'; readonly value: boolean | null; readonly span: Span }
  | { readonly kind: 'list'; readonly items: readonly Expression[]; readonly tuple: boolean; readonly span: Span }
  | { readonly kind: 'binary'; readonly operator: BinaryOperator; readonly left: Expression; readonly right: Expression; readonly span: Span }
  | { readonly kind: 'unary'; readonly operator: '-' | '+' | 'not'; readonly operand: Expression; readonly span: Span }
  /** A slice (`1:`, `:`, `...`, `None` as a new axis) inside a subscript. */
  | { readonly kind: 'slice'; readonly text: string; readonly span: Span }
  | { readonly kind: 'unsupported'; readonly what: string; readonly span: Span };

export interface Argument {
  /** The keyword (`label_smoothing=`), absent for a positional argument. */
  readonly name?: string;
  readonly value: Expression;
  /** `*args` / `...args` / `**kwargs`: the reader cannot map these to parameters. */
  readonly spread?: boolean;
  readonly span: Span;
}

export interface Parameter {
  readonly name: string;
  readonly default?: Expression;
  readonly span: Span;
}

export interface FunctionDefinition {
  readonly kind: 'function';
  readonly name: string;
  readonly parameters: readonly Parameter[];
  /** Some parameter is `*args`, `**kwargs`, a rest or destructuring parameter. */
  readonly variadic: boolean;
  readonly body: readonly Statement[];
  /** An arrow function's expression body, `lambda`'s expression. */
  readonly expressionBody?: Expression;
  readonly span: Span;
  readonly nameSpan: Span;
}

/** An import binding: `local` stands for the dotted module path (or a name inside it). */
export interface ImportBinding {
  readonly local: string;
  readonly path: string;
}

/** The blocks a statement can sit in; `main` is Python's `if __name__ == "__main__":`. */
export type BlockKind = 'if' | 'main' | 'else' | 'for' | 'while' | 'with' | 'try' | 'class' | 'block';

export type Statement =
  | {
      readonly kind: 'assign';
      /** Names bound (`a, b = …` binds both; an attribute or subscript target binds none). */
      readonly targets: readonly { readonly name: string; readonly span: Span }[];
      /** Unpacking (`a, b = …`): the value is not the value of any one target. */
      readonly unpacking: boolean;
      /** `+=` and friends: the operator, applied to the previous value. */
      readonly update?: BinaryOperator;
      readonly value: Expression;
      readonly span: Span;
    }
  | FunctionDefinition
  | { readonly kind: 'return'; readonly value?: Expression; readonly span: Span }
  | { readonly kind: 'import'; readonly bindings: readonly ImportBinding[]; readonly span: Span }
  | { readonly kind: 'expression'; readonly value: Expression; readonly span: Span }
  | { readonly kind: 'assert'; readonly test: Expression; readonly span: Span }
  | {
      readonly kind: 'block';
      readonly block: BlockKind;
      /** Names the block binds itself: a `for` loop's variables, `with … as name`, `except … as e`. */
      readonly binds: readonly string[];
      readonly body: readonly Statement[];
      /** Expressions in the block's header (`for x in <it>`, `with <ctx>`), scanned for calls. */
      readonly header: readonly Expression[];
      readonly span: Span;
    };

export interface Program {
  readonly language: 'python' | 'javascript';
  readonly statements: readonly Statement[];
  /** Where the parser recovered from an error: hovers elsewhere keep working. */
  readonly syntaxErrors: readonly Span[];
}

/** Every expression in `expression`, itself first, depth first. */
export function* subExpressions(expression: Expression): Generator<Expression> {
  const stack: Expression[] = [expression];
  while (stack.length > 0) {
    const next = stack.pop()!;
    yield next;
    switch (next.kind) {
      case 'attribute':
        stack.push(next.object);
        break;
      case 'subscript':
        stack.push(next.index, next.object);
        break;
      case 'call':
        for (let i = next.args.length - 1; i >= 0; i--) stack.push(next.args[i].value);
        stack.push(next.callee);
        break;
      case 'list':
        for (let i = next.items.length - 1; i >= 0; i--) stack.push(next.items[i]);
        break;
      case 'binary':
        stack.push(next.right, next.left);
        break;
      case 'unary':
        stack.push(next.operand);
        break;
      default:
        break;
    }
  }
}

/** The expressions a statement holds directly (not those of nested statements). */
export function statementExpressions(statement: Statement): readonly Expression[] {
  switch (statement.kind) {
    case 'assign':
    case 'expression':
      return [statement.value];
    case 'return':
      return statement.value ? [statement.value] : [];
    case 'assert':
      return [statement.test];
    case 'block':
      return statement.header;
    case 'function':
      return [...statement.parameters.flatMap((p) => (p.default ? [p.default] : [])), ...(statement.expressionBody ? [statement.expressionBody] : [])];
    case 'import':
      return [];
  }
}

export function contains(span: Span, offset: number): boolean {
  return offset >= span.from && offset <= span.to;
}

/** The dotted name an expression spells (`tf.keras.losses`), or undefined when it is not one. */
export function dottedName(expression: Expression): string | undefined {
  if (expression.kind === 'name') return expression.name;
  if (expression.kind === 'attribute') {
    const object = dottedName(expression.object);
    return object === undefined ? undefined : `${object}.${expression.name}`;
  }
  return undefined;
}
