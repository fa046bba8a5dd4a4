/**
 * Python source → the reader's syntax tree (syntax.ts), from @lezer/python's concrete tree.
 * Lezer recovers from syntax errors by skipping tokens (error nodes), so a broken line leaves the
 * rest of the file readable.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { childrenOf, TreeReader } from './tree-reader';
import type { Argument, BinaryOperator, BlockKind, Expression, FunctionDefinition, ImportBinding, Parameter, Program, Span, Statement } from './syntax';

export function pythonProgram(tree: Tree, text: string, syntaxErrors: readonly Span[]): Program {
  const reader = new PythonReader(text);
  return { language: 'python', statements: reader.statements(tree.topNode), syntaxErrors };
}

const BINARY = new Set<string>(['+', '-', '*', '/', '//', '%', '**', '@', '==', '!=', '<', '<=', '>', '>=', 'and', 'or']);

/** Python's string literal text → its value, for the escapes code writes in option strings. */
function pythonString(literal: string): string {
  const prefix = /^[rRbBuUfF]*/.exec(literal)?.[0] ?? '';
  const raw = prefix.toLowerCase().includes('r');
  let body = literal.slice(prefix.length);
  const quote = body.startsWith('"""') || body.startsWith("'''") ? body.slice(0, 3) : body.slice(0, 1);
  body = body.slice(quote.length, body.endsWith(quote) ? body.length - quote.length : body.length);
  if (raw) return body;
  return body.replace(/\\(["'\\nt])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

/** Python's number literal → its value; undefined for complex literals (`2j`). */
export function pythonNumber(text: string): { value: number; integer: boolean } | undefined {
  const clean = text.replace(/_/g, '');
  if (/[jJ]$/.test(clean)) return undefined;
  if (/^0[xX]/.test(clean)) return { value: parseInt(clean.slice(2), 16), integer: true };
  if (/^0[oO]/.test(clean)) return { value: parseInt(clean.slice(2), 8), integer: true };
  if (/^0[bB]/.test(clean)) return { value: parseInt(clean.slice(2), 2), integer: true };
  const value = Number(clean);
  if (Number.isNaN(value)) return undefined;
  return { value, integer: !/[.eE]/.test(clean) };
}

class PythonReader extends TreeReader {
  protected statement(node: SyntaxNode, out: Statement[]): void {
    switch (node.name) {
      case 'AssignStatement':
        return this.assignment(node, out);
      case 'UpdateStatement':
        return this.update(node, out);
      case 'ExpressionStatement': {
        const value = node.firstChild;
        if (value) out.push({ kind: 'expression', value: this.expression(value), span: this.span(node) });
        return;
      }
      case 'ReturnStatement': {
        const value = node.firstChild?.nextSibling;
        out.push({ kind: 'return', value: value ? this.expression(value) : undefined, span: this.span(node) });
        return;
      }
      case 'AssertStatement': {
        const test = node.firstChild?.nextSibling;
        if (test) out.push({ kind: 'assert', test: this.expression(test), span: this.span(node) });
        return;
      }
      case 'ImportStatement':
        out.push({ kind: 'import', bindings: this.imports(node), span: this.span(node) });
        return;
      case 'FunctionDefinition':
        out.push(this.functionDefinition(node));
        return;
      case 'DecoratedStatement': {
        const inner = childrenOf(node).find((c) => c.name === 'FunctionDefinition' || c.name === 'ClassDefinition');
        if (inner) this.statement(inner, out);
        return;
      }
      case 'IfStatement':
        return this.ifStatement(node, out);
      case 'ForStatement':
      case 'WhileStatement':
      case 'WithStatement':
      case 'TryStatement':
      case 'ClassDefinition':
        return this.compound(node, out);
      default:
        return;
    }
  }

  private assignment(node: SyntaxNode, out: Statement[]): void {
    // `a = b = value` and `a, b = value`: the last part after the final `=` is the value.
    const parts = childrenOf(node).filter((c) => c.name !== 'TypeDef');
    const equals = parts.map((c, i) => (c.name === 'AssignOp' ? i : -1)).filter((i) => i >= 0);
    if (equals.length === 0) return;
    const valueNodes = parts.slice(equals[equals.length - 1] + 1).filter((c) => c.name !== ',');
    if (valueNodes.length === 0) return;
    const value =
      valueNodes.length === 1
        ? this.expression(valueNodes[0])
        : {
            kind: 'list' as const,
            tuple: true,
            items: valueNodes.map((n) => this.expression(n)),
            span: { from: valueNodes[0].from, to: valueNodes[valueNodes.length - 1].to },
          };
    let start = 0;
    for (const end of equals) {
      const targetNodes = parts.slice(start, end).filter((c) => c.name !== ',');
      start = end + 1;
      const names = targetNodes.flatMap((t) => this.targetNames(t));
      const unpacking =
        targetNodes.length > 1 || (targetNodes.length === 1 && (targetNodes[0].name === 'TupleExpression' || targetNodes[0].name === 'ArrayExpression'));
      out.push({ kind: 'assign', targets: names, unpacking, value, span: this.span(node) });
    }
  }

  private targetNames(node: SyntaxNode): { name: string; span: Span }[] {
    if (node.name === 'VariableName') return [{ name: this.source(node), span: this.span(node) }];
    if (node.name === 'TupleExpression' || node.name === 'ArrayExpression' || node.name === 'ParenthesizedExpression') {
      return childrenOf(node).flatMap((c) => this.targetNames(c));
    }
    return [];
  }

  private update(node: SyntaxNode, out: Statement[]): void {
    const [target, op, value] = childrenOf(node);
    if (!target || !op || !value) return;
    const operator = this.source(op).slice(0, -1);
    const names = this.targetNames(target);
    out.push({
      kind: 'assign',
      targets: names,
      unpacking: false,
      update: BINARY.has(operator) ? (operator as BinaryOperator) : undefined,
      value: BINARY.has(operator) ? this.expression(value) : { kind: 'unsupported', what: `the operator ${operator}=`, span: this.span(op) },
      span: this.span(node),
    });
  }

  private imports(node: SyntaxNode): ImportBinding[] {
    const parts = childrenOf(node);
    const bindings: ImportBinding[] = [];
    const fromIndex = parts.findIndex((p) => p.name === 'from');
    const importIndex = parts.findIndex((p) => p.name === 'import');
    // A dotted path is a run of VariableName '.' VariableName; `as` renames the path before it.
    const paths = (list: SyntaxNode[]): { path: string; alias?: string }[] => {
      const out: { path: string; alias?: string }[] = [];
      let current = '';
      let aliasNext = false;
      for (const part of list) {
        if (part.name === 'VariableName') {
          if (aliasNext) {
            out[out.length - 1].alias = this.source(part);
            aliasNext = false;
          } else if (current.endsWith('.')) current += this.source(part);
          else {
            if (current) out.push({ path: current });
            current = this.source(part);
          }
        } else if (part.name === '.') current += '.';
        else if (part.name === 'as') {
          out.push({ path: current });
          current = '';
          aliasNext = true;
        } else if (part.name === ',') {
          if (current) out.push({ path: current });
          current = '';
        }
      }
      if (current) out.push({ path: current });
      return out;
    };
    if (fromIndex >= 0 && importIndex > fromIndex) {
      const [module] = paths(parts.slice(fromIndex + 1, importIndex));
      if (!module) return bindings;
      for (const name of paths(parts.slice(importIndex + 1))) {
        if (name.path === '*') continue;
        bindings.push({ local: name.alias ?? name.path, path: `${module.path}.${name.path}` });
      }
      return bindings;
    }
    for (const name of paths(parts.slice(importIndex + 1))) {
      // `import torch.nn.functional` binds `torch`; with `as F` it binds F to the whole path.
      bindings.push(name.alias ? { local: name.alias, path: name.path } : { local: name.path.split('.')[0], path: name.path.split('.')[0] });
    }
    return bindings;
  }

  private functionDefinition(node: SyntaxNode): FunctionDefinition {
    const parts = childrenOf(node);
    const nameNode = parts.find((p) => p.name === 'VariableName');
    const list = parts.find((p) => p.name === 'ParamList');
    const body = parts.find((p) => p.name === 'Body');
    const { parameters, variadic } = list ? this.parameters(list) : { parameters: [], variadic: false };
    return {
      kind: 'function',
      name: nameNode ? this.source(nameNode) : '',
      parameters,
      variadic,
      body: body ? this.statements(body) : [],
      span: this.span(node),
      nameSpan: nameNode ? this.span(nameNode) : this.span(node),
    };
  }

  private parameters(list: SyntaxNode): { parameters: Parameter[]; variadic: boolean } {
    const parameters: Parameter[] = [];
    let variadic = false;
    let star = false;
    for (let part = list.firstChild; part; part = part.nextSibling) {
      if (part.name === '*' || part.name === '**') star = true;
      else if (part.name === 'VariableName') {
        if (star) {
          variadic = true;
          star = false;
          continue;
        }
        const next = part.nextSibling;
        if (next?.name === 'AssignOp' && next.nextSibling) {
          parameters.push({ name: this.source(part), default: this.expression(next.nextSibling), span: this.span(part) });
          part = next.nextSibling;
        } else parameters.push({ name: this.source(part), span: this.span(part) });
      } else if (part.name === ',') star = false;
    }
    return { parameters, variadic };
  }

  private ifStatement(node: SyntaxNode, out: Statement[]): void {
    const parts = childrenOf(node);
    let kind: BlockKind = 'if';
    let header: Expression[] = [];
    for (const part of parts) {
      if (part.name === 'if' || part.name === 'elif' || part.name === 'else') {
        kind = part.name === 'else' ? 'else' : 'if';
        header = [];
      } else if (part.name === 'Body') {
        out.push({ kind: 'block', block: kind, binds: [], body: this.statements(part), header, span: this.span(part) });
      } else if (!part.type.isError) {
        const condition = this.expression(part);
        header.push(condition);
        if (this.isMainGuard(part)) kind = 'main';
      }
    }
  }

  /** `__name__ == "__main__"` (either way round). */
  private isMainGuard(node: SyntaxNode): boolean {
    if (node.name !== 'BinaryExpression') return false;
    const [left, op, right] = childrenOf(node);
    if (!left || !op || !right || this.source(op) !== '==') return false;
    const sides = [left, right].map((side) => (side.name === 'String' ? pythonString(this.source(side)) : this.source(side)));
    return sides.includes('__name__') && sides.includes('__main__');
  }

  private compound(node: SyntaxNode, out: Statement[]): void {
    const parts = childrenOf(node);
    const block: BlockKind =
      node.name === 'ForStatement'
        ? 'for'
        : node.name === 'WhileStatement'
          ? 'while'
          : node.name === 'WithStatement'
            ? 'with'
            : node.name === 'TryStatement'
              ? 'try'
              : 'class';
    const binds: string[] = [];
    const header: Expression[] = [];
    let afterAs = false;
    let beforeIn = block === 'for';
    for (const part of parts) {
      if (part.name === 'Body') {
        out.push({ kind: 'block', block, binds: [...binds], body: this.statements(part), header: [...header], span: this.span(part) });
        header.length = 0;
      } else if (part.name === 'as') afterAs = true;
      else if (part.name === 'in') beforeIn = false;
      else if (part.name === 'VariableName' || part.name === 'TupleExpression') {
        if (afterAs || beforeIn) binds.push(...this.targetNames(part).map((t) => t.name));
        else if (block !== 'class') header.push(this.expression(part));
        afterAs = false;
      } else if (block !== 'class' && !part.type.isError && /Expression|Number|String|Boolean|None/.test(part.name)) {
        header.push(this.expression(part));
      }
    }
  }

  protected expressionAt(node: SyntaxNode): Expression {
    const span = this.span(node);
    switch (node.name) {
      case 'VariableName':
        return { kind: 'name', name: this.source(node), span };
      case 'Number': {
        const number = pythonNumber(this.source(node));
        return number ? { kind: 'number', ...number, span } : { kind: 'unsupported', what: `the number ${this.source(node)}`, span };
      }
      case 'String':
        return { kind: 'string', value: pythonString(this.source(node)), span };
      case 'ContinuedString':
        return {
          kind: 'string',
          value: childrenOf(node)
            .map((c) => pythonString(this.source(c)))
            .join(''),
          span,
        };
      case 'Boolean':
        return { kind: 'constant', value: this.source(node) === 'True', span };
      case 'None':
        return { kind: 'constant', value: null, span };
      case 'ParenthesizedExpression': {
        const inner = childrenOf(node).find((c) => c.name !== '(' && c.name !== ')');
        return inner ? this.expression(inner) : { kind: 'unsupported', what: '()', span };
      }
      case 'ArrayExpression':
      case 'TupleExpression':
        return {
          kind: 'list',
          tuple: node.name === 'TupleExpression',
          items: childrenOf(node)
            .filter((c) => !['[', ']', '(', ')', ','].includes(c.name) && !c.type.isError)
            .map((c) => this.expression(c)),
          span,
        };
      case 'MemberExpression':
        return this.member(node);
      case 'CallExpression': {
        const [callee, args] = childrenOf(node);
        if (!callee || args?.name !== 'ArgList') return { kind: 'unsupported', what: 'an incomplete call', span };
        return { kind: 'call', callee: this.expression(callee), args: this.arguments(args), argsSpan: this.span(args), span };
      }
      case 'BinaryExpression': {
        const [left, op, right] = childrenOf(node);
        const operator = op ? this.source(op) : '';
        if (!left || !right || !BINARY.has(operator)) return { kind: 'unsupported', what: `the operator ${operator || '?'}`, span };
        return { kind: 'binary', operator: operator as BinaryOperator, left: this.expression(left), right: this.expression(right), span };
      }
      case 'UnaryExpression': {
        const [op, operand] = childrenOf(node);
        const operator = op ? this.source(op) : '';
        if (!operand || (operator !== '-' && operator !== '+' && operator !== 'not')) return { kind: 'unsupported', what: `the operator ${operator}`, span };
        return { kind: 'unary', operator, operand: this.expression(operand), span };
      }
      case 'Ellipsis':
        return { kind: 'slice', text: '...', span };
      case 'LambdaExpression':
        return { kind: 'unsupported', what: 'a lambda', span };
      case 'ConditionalExpression':
        return { kind: 'unsupported', what: 'a conditional expression', span };
      case 'FormatString':
        return { kind: 'unsupported', what: 'an f-string', span };
      default:
        return { kind: 'unsupported', what: describeNode(node.name), span };
    }
  }

  private member(node: SyntaxNode): Expression {
    const span = this.span(node);
    const parts = childrenOf(node);
    const [object, dot] = parts;
    if (!object || !dot) return { kind: 'unsupported', what: 'an expression', span };
    if (dot.name === '.') {
      const property = parts[2];
      // @lezer/python reads `1.` (a float written with a trailing point, common in NumPy docs) as a member access.
      if (object.name === 'Number' && (!property || property.type.isError || /^e[0-9]+$/i.test(this.source(property)))) {
        const number = pythonNumber(this.source(node));
        if (number) return { kind: 'number', value: number.value, integer: false, span };
      }
      if (!property || property.type.isError) return { kind: 'unsupported', what: 'an incomplete attribute', span };
      return { kind: 'attribute', object: this.expression(object), name: this.source(property), nameSpan: this.span(property), span };
    }
    // A subscript: `x[i]`, `x[1:, :2]`, `x[..., 0]`.
    const inside = parts.slice(2, parts[parts.length - 1]?.name === ']' ? -1 : undefined);
    const items: Expression[] = [];
    let current: SyntaxNode[] = [];
    const flush = () => {
      if (current.length === 1 && current[0].name !== ':') items.push(this.expression(current[0]));
      else if (current.length > 0)
        items.push({
          kind: 'slice',
          text: this.text.slice(current[0].from, current[current.length - 1].to),
          span: { from: current[0].from, to: current[current.length - 1].to },
        });
      current = [];
    };
    for (const part of inside) {
      if (part.name === ',') flush();
      else current.push(part);
    }
    flush();
    const index: Expression =
      items.length === 1
        ? items[0]
        : { kind: 'list', tuple: true, items, span: { from: inside[0]?.from ?? span.from, to: inside[inside.length - 1]?.to ?? span.to } };
    return { kind: 'subscript', object: this.expression(object), index, span };
  }

  private arguments(list: SyntaxNode): Argument[] {
    const out: Argument[] = [];
    const parts = childrenOf(list).filter((c) => c.name !== '(' && c.name !== ')');
    let i = 0;
    while (i < parts.length) {
      const part = parts[i];
      if (part.name === ',' || part.type.isError) {
        i++;
        continue;
      }
      if ((part.name === '*' || part.name === '**') && parts[i + 1]) {
        out.push({ value: this.expression(parts[i + 1]), spread: true, span: { from: part.from, to: parts[i + 1].to } });
        i += 2;
        continue;
      }
      if (part.name === 'VariableName' && parts[i + 1]?.name === 'AssignOp' && parts[i + 2]) {
        out.push({ name: this.source(part), value: this.expression(parts[i + 2]), span: { from: part.from, to: parts[i + 2].to } });
        i += 3;
        continue;
      }
      out.push({ value: this.expression(part), span: this.span(part) });
      i++;
    }
    return out;
  }
}

function describeNode(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return /^[aeiou]/.test(words) ? `an ${words}` : `a ${words}`;
}
