/**
 * JavaScript and TypeScript source → the reader's syntax tree (syntax.ts), from
 * @lezer/javascript's concrete tree. `require('@tensorflow/tfjs')` assigned to a name or
 * destructured becomes an import, as `import * as tf from …` and `import { losses } from …` do.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { childrenOf, TreeReader } from './tree-reader';
import type { Argument, BinaryOperator, BlockKind, Expression, FunctionDefinition, ImportBinding, Parameter, Program, Span, Statement } from './syntax';

export function javascriptProgram(tree: Tree, text: string, syntaxErrors: readonly Span[]): Program {
  const reader = new JavaScriptReader(text);
  return { language: 'javascript', statements: reader.statements(tree.topNode), syntaxErrors };
}

const OPERATORS: Readonly<Record<string, BinaryOperator>> = {
  '+': '+',
  '-': '-',
  '*': '*',
  '/': '/',
  '%': '%',
  '**': '**',
  '==': '==',
  '===': '==',
  '!=': '!=',
  '!==': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '&&': 'and',
  '||': 'or',
};

function javascriptString(literal: string): string {
  const body = literal.slice(1, literal.endsWith(literal[0]) && literal.length > 1 ? -1 : undefined);
  return body.replace(/\\(["'\\nt])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

class JavaScriptReader extends TreeReader {
  protected statement(node: SyntaxNode, out: Statement[]): void {
    switch (node.name) {
      case 'VariableDeclaration':
        return this.declaration(node, out);
      case 'ExportDeclaration':
        for (const child of childrenOf(node)) this.statement(child, out);
        return;
      case 'ImportDeclaration':
        out.push({ kind: 'import', bindings: this.importBindings(node), span: this.span(node) });
        return;
      case 'ExpressionStatement': {
        const value = node.firstChild;
        if (!value) return;
        if (value.name === 'AssignmentExpression') return this.assignment(value, out);
        out.push({ kind: 'expression', value: this.expression(value), span: this.span(node) });
        return;
      }
      case 'ReturnStatement': {
        const value = childrenOf(node).find((c) => c.name !== 'return' && c.name !== ';');
        out.push({ kind: 'return', value: value ? this.expression(value) : undefined, span: this.span(node) });
        return;
      }
      case 'FunctionDeclaration': {
        const name = childrenOf(node).find((c) => c.name === 'VariableDefinition');
        out.push(this.functionOf(node, name ? this.source(name) : '', name ? this.span(name) : this.span(node)));
        return;
      }
      case 'IfStatement':
      case 'ForStatement':
      case 'WhileStatement':
      case 'DoStatement':
      case 'TryStatement':
      case 'Block':
      case 'ClassDeclaration':
        return this.compound(node, out);
      default:
        return;
    }
  }

  private compound(node: SyntaxNode, out: Statement[]): void {
    const block: BlockKind =
      node.name === 'IfStatement'
        ? 'if'
        : node.name === 'ForStatement'
          ? 'for'
          : node.name === 'WhileStatement' || node.name === 'DoStatement'
            ? 'while'
            : node.name === 'TryStatement'
              ? 'try'
              : node.name === 'ClassDeclaration'
                ? 'class'
                : 'block';
    const binds: string[] = [];
    const header: Expression[] = [];
    const body: Statement[] = [];
    for (const child of childrenOf(node)) {
      if (child.name === 'ForOfSpec' || child.name === 'ForInSpec' || child.name === 'ForSpec') {
        for (const part of childrenOf(child)) {
          if (part.name === 'VariableDefinition') binds.push(this.source(part));
          else if (part.name !== 'VariableDeclaration' && /Expression|VariableName/.test(part.name)) header.push(this.expression(part));
        }
      } else if (child.name === 'ParenthesizedExpression') header.push(this.expression(child));
      else if (child.name === 'Block' || child.name === 'ClassBody') body.push(...this.statements(child));
      else this.statement(child, body);
    }
    out.push({ kind: 'block', block, binds, body, header, span: this.span(node) });
  }

  private declaration(node: SyntaxNode, out: Statement[]): void {
    const parts = childrenOf(node);
    for (let i = 0; i < parts.length; i++) {
      const target = parts[i];
      if (target.name !== 'VariableDefinition' && target.name !== 'ObjectPattern' && target.name !== 'ArrayPattern') continue;
      let j = i + 1;
      while (j < parts.length && parts[j].name === 'TypeAnnotation') j++;
      if (parts[j]?.name !== 'Equals' || !parts[j + 1]) continue;
      const valueNode = parts[j + 1];
      i = j + 1;
      const required = this.requiredModule(valueNode);
      if (required !== undefined) {
        out.push({ kind: 'import', bindings: this.requireBindings(target, required), span: this.span(node) });
        continue;
      }
      if (target.name !== 'VariableDefinition') {
        out.push({ kind: 'assign', targets: this.patternNames(target), unpacking: true, value: this.expression(valueNode), span: this.span(node) });
        continue;
      }
      const value =
        valueNode.name === 'ArrowFunction' || valueNode.name === 'FunctionExpression'
          ? this.functionOf(valueNode, this.source(target), this.span(target))
          : undefined;
      if (value) out.push(value);
      else
        out.push({
          kind: 'assign',
          targets: [{ name: this.source(target), span: this.span(target) }],
          unpacking: false,
          value: this.expression(valueNode),
          span: this.span(node),
        });
    }
  }

  private patternNames(node: SyntaxNode): { name: string; span: Span }[] {
    if (node.name === 'VariableDefinition') return [{ name: this.source(node), span: this.span(node) }];
    return childrenOf(node).flatMap((child) => this.patternNames(child));
  }

  private requiredModule(node: SyntaxNode): string | undefined {
    if (node.name !== 'CallExpression') return undefined;
    const [callee, args] = childrenOf(node);
    if (callee?.name !== 'VariableName' || this.source(callee) !== 'require' || !args) return undefined;
    const first = childrenOf(args).find((c) => c.name === 'String');
    return first ? javascriptString(this.source(first)) : undefined;
  }

  private requireBindings(target: SyntaxNode, module: string): ImportBinding[] {
    if (target.name === 'VariableDefinition') return [{ local: this.source(target), path: module }];
    if (target.name !== 'ObjectPattern') return [];
    return childrenOf(target)
      .filter((c) => c.name === 'PatternProperty')
      .flatMap((property) => {
        const parts = childrenOf(property);
        const key = parts.find((p) => p.name === 'PropertyName' || p.name === 'VariableDefinition');
        const local = [...parts].reverse().find((p) => p.name === 'VariableDefinition');
        return key && local ? [{ local: this.source(local), path: `${module}.${this.source(key)}` }] : [];
      });
  }

  private importBindings(node: SyntaxNode): ImportBinding[] {
    const parts = childrenOf(node);
    const moduleNode = parts.find((p) => p.name === 'String');
    if (!moduleNode) return [];
    const module = javascriptString(this.source(moduleNode));
    const bindings: ImportBinding[] = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (part.name === 'Star' && parts[i + 1]?.name === 'as' && parts[i + 2]?.name === 'VariableDefinition') {
        bindings.push({ local: this.source(parts[i + 2]), path: module });
      } else if (part.name === 'VariableDefinition' && parts[i - 1]?.name !== 'as') {
        // `import tf from '@tensorflow/tfjs'`: the default export is the namespace.
        bindings.push({ local: this.source(part), path: module });
      } else if (part.name === 'ImportGroup') {
        const group = childrenOf(part);
        for (let j = 0; j < group.length; j++) {
          const item = group[j];
          if (item.name === 'VariableName' && group[j + 1]?.name === 'as' && group[j + 2]?.name === 'VariableDefinition') {
            bindings.push({ local: this.source(group[j + 2]), path: `${module}.${this.source(item)}` });
            j += 2;
          } else if (item.name === 'VariableDefinition') bindings.push({ local: this.source(item), path: `${module}.${this.source(item)}` });
        }
      }
    }
    return bindings;
  }

  private assignment(node: SyntaxNode, out: Statement[]): void {
    const [target, op, value] = childrenOf(node);
    if (!target || !op || !value) return;
    const operator = this.source(op);
    const names = target.name === 'VariableName' ? [{ name: this.source(target), span: this.span(target) }] : [];
    if (operator === '=') {
      out.push({ kind: 'assign', targets: names, unpacking: false, value: this.expression(value), span: this.span(node) });
      return;
    }
    const update = OPERATORS[operator.slice(0, -1)];
    out.push({
      kind: 'assign',
      targets: names,
      unpacking: false,
      update,
      value: update ? this.expression(value) : { kind: 'unsupported', what: `the operator ${operator}`, span: this.span(op) },
      span: this.span(node),
    });
  }

  private functionOf(node: SyntaxNode, name: string, nameSpan: Span): FunctionDefinition {
    const parts = childrenOf(node);
    const list = parts.find((p) => p.name === 'ParamList');
    const parameters: Parameter[] = [];
    let variadic = false;
    if (list) {
      const items = childrenOf(list);
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (item.name === 'Spread' || item.name === 'ObjectPattern' || item.name === 'ArrayPattern') variadic = true;
        else if (item.name === 'VariableDefinition') {
          if (items[i - 1]?.name === 'Spread') continue;
          let j = i + 1;
          while (items[j]?.name === 'TypeAnnotation' || items[j]?.name === 'Optional') j++;
          if (items[j]?.name === 'Equals' && items[j + 1]) {
            parameters.push({ name: this.source(item), default: this.expression(items[j + 1]), span: this.span(item) });
            i = j + 1;
          } else parameters.push({ name: this.source(item), span: this.span(item) });
        }
      }
    }
    const block = parts.find((p) => p.name === 'Block');
    const arrowBody = node.name === 'ArrowFunction' && !block ? parts[parts.length - 1] : undefined;
    return {
      kind: 'function',
      name,
      parameters,
      variadic,
      body: block ? this.statements(block) : [],
      expressionBody: arrowBody && arrowBody.name !== 'Arrow' ? this.expression(arrowBody) : undefined,
      span: this.span(node),
      nameSpan,
    };
  }

  protected expressionAt(node: SyntaxNode): Expression {
    const span = this.span(node);
    switch (node.name) {
      case 'VariableName':
        return { kind: 'name', name: this.source(node), span };
      case 'Number': {
        const text = this.source(node).replace(/_/g, '');
        const value = Number(text.endsWith('n') ? text.slice(0, -1) : text);
        return Number.isNaN(value)
          ? { kind: 'unsupported', what: `the number ${text}`, span }
          : { kind: 'number', value, integer: !/[.eE]/.test(text) || /^0[xob]/i.test(text), span };
      }
      case 'String':
        return { kind: 'string', value: javascriptString(this.source(node)), span };
      case 'BooleanLiteral':
        return { kind: 'constant', value: this.source(node) === 'true', span };
      case 'null':
        return { kind: 'constant', value: null, span };
      case 'ParenthesizedExpression': {
        const inner = childrenOf(node).find((c) => c.name !== '(' && c.name !== ')');
        return inner ? this.expression(inner) : { kind: 'unsupported', what: '()', span };
      }
      case 'AwaitExpression': {
        const inner = childrenOf(node).find((c) => c.name !== 'await');
        return inner ? this.expression(inner) : { kind: 'unsupported', what: 'await', span };
      }
      case 'ArrayExpression':
        return {
          kind: 'list',
          tuple: false,
          items: childrenOf(node)
            .filter((c) => c.name !== '[' && c.name !== ']' && c.name !== ',' && !c.type.isError)
            .map((c) => this.expression(c)),
          span,
        };
      case 'MemberExpression': {
        const parts = childrenOf(node);
        const [object, access] = parts;
        if (!object || !access) return { kind: 'unsupported', what: 'an expression', span };
        if (access.name === '.' || access.name === '?.') {
          const property = parts[2];
          if (!property || property.type.isError) return { kind: 'unsupported', what: 'an incomplete property access', span };
          return { kind: 'attribute', object: this.expression(object), name: this.source(property), nameSpan: this.span(property), span };
        }
        const index = parts[2];
        if (!index) return { kind: 'unsupported', what: 'an incomplete index', span };
        return { kind: 'subscript', object: this.expression(object), index: this.expression(index), span };
      }
      case 'CallExpression': {
        const [callee, args] = childrenOf(node);
        if (!callee || args?.name !== 'ArgList') return { kind: 'unsupported', what: 'an incomplete call', span };
        return { kind: 'call', callee: this.expression(callee), args: this.arguments(args), argsSpan: this.span(args), span };
      }
      case 'BinaryExpression': {
        const [left, op, right] = childrenOf(node);
        // TypeScript's `x as T` and `x satisfies T` are x at run time.
        if (left && (op?.name === 'as' || op?.name === 'satisfies')) return this.expression(left);
        const operator = op ? OPERATORS[this.source(op)] : undefined;
        if (!left || !right || !operator) return { kind: 'unsupported', what: `the operator ${op ? this.source(op) : '?'}`, span };
        return { kind: 'binary', operator, left: this.expression(left), right: this.expression(right), span };
      }
      case 'UnaryExpression': {
        const [op, operand] = childrenOf(node);
        const text = op ? this.source(op) : '';
        const operator = text === '!' ? 'not' : text === '-' || text === '+' ? text : undefined;
        if (!operand || !operator) return { kind: 'unsupported', what: `the operator ${text}`, span };
        return { kind: 'unary', operator, operand: this.expression(operand), span };
      }
      case 'PostfixExpression': {
        // TypeScript's non-null assertion `x!` is x at run time (`x++` / `x--` are not followed).
        const [operand, op] = childrenOf(node);
        if (operand && op && this.source(op) === '!') return this.expression(operand);
        return { kind: 'unsupported', what: `the operator ${op ? this.source(op) : '?'}`, span };
      }
      case 'PrefixCast': {
        // TypeScript's `<T>x` is x at run time.
        const operand = node.lastChild;
        return operand && operand.name !== '>' ? this.expression(operand) : { kind: 'unsupported', what: 'a type cast', span };
      }
      case 'ArrowFunction':
      case 'FunctionExpression':
        return { kind: 'unsupported', what: 'a function expression', span };
      case 'TemplateString':
        return { kind: 'unsupported', what: 'a template string', span };
      case 'NewExpression':
        return { kind: 'unsupported', what: 'a new expression', span };
      default:
        return { kind: 'unsupported', what: node.name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase(), span };
    }
  }

  private arguments(list: SyntaxNode): Argument[] {
    const out: Argument[] = [];
    const parts = childrenOf(list).filter((c) => c.name !== '(' && c.name !== ')' && c.name !== ',' && !c.type.isError);
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (part.name === 'Spread' && parts[i + 1]) {
        out.push({ value: this.expression(parts[i + 1]), spread: true, span: { from: part.from, to: parts[i + 1].to } });
        i++;
      } else out.push({ value: this.expression(part), span: this.span(part) });
    }
    return out;
  }
}
