/**
 * Which assignment a name refers to. Python and JavaScript scope by function (blocks such as
 * `if __name__ == "__main__":`, `for`, `with` share the enclosing scope), and the reader takes
 * the nearest binding before the use in the innermost scope that binds the name, then the
 * enclosing ones, as a straight-line reading of the file would.
 */
import type { FunctionDefinition, Program, Span, Statement } from './syntax';

export type Binding =
  | {
      readonly kind: 'assign';
      readonly name: string;
      readonly statement: Extract<Statement, { kind: 'assign' }>;
      readonly target: number;
      readonly at: number;
      readonly span: Span;
    }
  | { readonly kind: 'import'; readonly name: string; readonly path: string; readonly at: number; readonly span: Span }
  | { readonly kind: 'function'; readonly name: string; readonly definition: FunctionDefinition; readonly at: number; readonly span: Span }
  | { readonly kind: 'loop'; readonly name: string; readonly block: string; readonly at: number; readonly span: Span };

export interface Scope {
  readonly id: number;
  readonly parent?: Scope;
  /** The function whose body this is; absent for the module. */
  readonly definition?: FunctionDefinition;
  readonly span: Span;
  /** Every binding in the scope, in source order. */
  readonly bindings: readonly Binding[];
  /** The same bindings by name, each list in source order (lookups binary-search it). */
  readonly byName: ReadonlyMap<string, readonly Binding[]>;
  readonly children: readonly Scope[];
}

export class ScopeIndex {
  readonly module: Scope;
  private readonly all: Scope[] = [];
  private readonly byDefinition = new Map<FunctionDefinition, Scope>();

  constructor(program: Program, textLength: number) {
    this.module = this.build(program.statements, { from: 0, to: textLength }, undefined, undefined);
  }

  private build(statements: readonly Statement[], span: Span, parent: Scope | undefined, definition: FunctionDefinition | undefined): Scope {
    const bindings: Binding[] = [];
    const children: Scope[] = [];
    const byName = new Map<string, Binding[]>();
    const scope: Scope = { id: this.all.length, parent, definition, span, bindings, byName, children };
    this.all.push(scope);
    if (definition) this.byDefinition.set(definition, scope);
    const visit = (list: readonly Statement[]) => {
      for (const statement of list) {
        switch (statement.kind) {
          case 'assign':
            statement.targets.forEach((target, i) =>
              bindings.push({ kind: 'assign', name: target.name, statement, target: i, at: statement.span.to, span: target.span }),
            );
            break;
          case 'import':
            for (const binding of statement.bindings)
              bindings.push({ kind: 'import', name: binding.local, path: binding.path, at: statement.span.to, span: statement.span });
            break;
          case 'function':
            // A function's name is bound where it is defined; its body is its own scope.
            bindings.push({ kind: 'function', name: statement.name, definition: statement, at: statement.span.from, span: statement.nameSpan });
            children.push(this.build(statement.body, statement.span, scope, statement));
            break;
          case 'block':
            for (const name of statement.binds) bindings.push({ kind: 'loop', name, block: statement.block, at: statement.span.from, span: statement.span });
            visit(statement.body);
            break;
          default:
            break;
        }
      }
    };
    visit(statements);
    for (const binding of bindings) {
      const list = byName.get(binding.name);
      if (list) list.push(binding);
      else byName.set(binding.name, [binding]);
    }
    return scope;
  }

  scopeOf(definition: FunctionDefinition): Scope | undefined {
    return this.byDefinition.get(definition);
  }

  byId(id: number): Scope {
    return this.all[id];
  }

  /** The innermost function scope containing `offset` (the module when none does). */
  scopeAt(offset: number): Scope {
    let scope = this.module;
    for (;;) {
      const inner = scope.children.find((child) => offset >= child.span.from && offset < child.span.to);
      if (!inner) return scope;
      scope = inner;
    }
  }

  /** The binding of `name` in `scope` nearest before `offset`, if the scope binds it before then. */
  static before(scope: Scope, name: string, offset: number): Binding | undefined {
    const list = scope.byName.get(name);
    if (!list) return undefined;
    // The last binding with at ≤ offset (bindings are in source order, so `at` does not decrease).
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (list[middle].at <= offset) low = middle + 1;
      else high = middle;
    }
    return low > 0 ? list[low - 1] : undefined;
  }

  /** Any binding of `name` in `scope` (the last one), for names a function reads from its module. */
  static any(scope: Scope, name: string): Binding | undefined {
    const list = scope.byName.get(name);
    return list?.[list.length - 1];
  }

  /** The function scopes other than `except`'s chain that bind `name`, for "assigned only inside f()". */
  elsewhere(name: string, chain: Scope): Scope[] {
    const inChain = new Set<number>();
    for (let s: Scope | undefined = chain; s; s = s.parent) inChain.add(s.id);
    return this.all.filter((s) => !inChain.has(s.id) && (s.byName.get(name) ?? []).some((b) => b.kind !== 'loop'));
  }
}
