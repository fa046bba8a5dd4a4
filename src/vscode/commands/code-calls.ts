/**
 * The hover's links on a loss call read from the code: Open in Calculator (the Calls tab with
 * the call's arguments), Copy (the value as the framework prints it) and Insert as Assertion
 * (one undoable edit). From the palette they act on the call at the cursor.
 */
import * as vscode from 'vscode';
import type { SiteResult } from '../../code/analysis';
import { reader } from '../../code/lazy';
import { toNested, type Nested } from '../../tensor';
import { showCalculator, type CalculatorPanel } from '../calculator';
import type { CallArgumentInput } from '../calculator/protocol';
import { callDescriptions } from '../calculator/calls';
import type { CodeReader } from '../code/code-reader';
import { spanRange } from '../code/code-reader';
import type { LossLensContext } from '../context';
import type { Command } from './command-manager';

type LossResult = Extract<SiteResult, { status: 'loss' }>;

function lossResult(result: SiteResult): LossResult | undefined {
  if (result.status === 'loss') return result;
  void vscode.window.showWarningMessage(
    result.status === 'unresolved'
      ? vscode.l10n.t('Loss Lens cannot compute this call: {0}', result.reason)
      : result.status === 'error'
        ? `Loss Lens: ${result.message}`
        : vscode.l10n.t('Loss Lens: there is no loss call Loss Lens can read here.'),
  );
  return undefined;
}

export class InsertAssertionCommand implements Command {
  readonly id = 'lossLens.insertAssertion';

  constructor(private readonly code: CodeReader) {}

  async execute(reference?: unknown): Promise<boolean> {
    const found = await this.code.resolve(reference);
    const result = found && lossResult(found.result);
    if (!found || !result) return false;
    const edit = new vscode.WorkspaceEdit();
    for (const e of reader().assertionEdits(found.analysis, result)) edit.replace(found.document.uri, spanRange(found.document, e.span), e.text);
    return vscode.workspace.applyEdit(edit);
  }
}

export class CopyCallValueCommand implements Command {
  readonly id = 'lossLens.copyCallValue';

  constructor(private readonly code: CodeReader) {}

  async execute(reference?: unknown): Promise<string | undefined> {
    const found = await this.code.resolve(reference);
    const result = found && lossResult(found.result);
    if (!result) return undefined;
    const text = `# ${result.evaluation.report.signature}\n${result.printed}\n`;
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Loss Lens: copied the value of {0}', result.evaluation.entry.id), 3000);
    return text;
  }
}

export class OpenCallInCalculatorCommand implements Command {
  readonly id = 'lossLens.openCallInCalculator';

  constructor(
    private readonly context: LossLensContext,
    private readonly code: CodeReader,
  ) {}

  async execute(reference?: unknown): Promise<CalculatorPanel | undefined> {
    const found = await this.code.resolve(reference);
    const result = found && lossResult(found.result);
    if (!found || !result) return undefined;
    const { entry, list, init, origins } = result.evaluation;
    const description = callDescriptions().find((d) => d.id === entry.id);
    const args: Record<string, CallArgumentInput> = {};
    let logits: string | undefined;
    let labels: string | undefined;
    const given = origins.filter((o) => o.source === 'code').map((o) => o.parameter);
    const bound = new Map<string, unknown>();
    for (const [stageList, stage] of [
      [init, 'init'],
      [list, 'call'],
    ] as const) {
      if (!stageList) continue;
      const positional = entry.parameters.filter((p) => (p.stage ?? 'call') === stage && !p.keywordOnly);
      (stageList.positional ?? []).forEach((value, i) => bound.set(positional[i]?.name ?? '', value));
      for (const [name, value] of Object.entries(stageList.keyword ?? {})) bound.set(name, value);
    }
    for (const name of given) {
      const text = argumentText(bound.get(name));
      const role = description?.parameters.find((p) => p.name === name)?.role;
      if (role === 'input') logits = typeof text === 'string' ? text : undefined;
      else if (role === 'target') labels = typeof text === 'string' ? text : undefined;
      else if (text !== undefined) args[name] = text;
    }
    const at = found.document.positionAt(result.site.call.span.from);
    return showCalculator(this.context.extension, {
      ...(logits !== undefined ? { logits } : {}),
      ...(labels !== undefined ? { labels } : {}),
      call: { id: entry.id, arguments: args, float32: result.evaluation.report.float32 },
      source: { uri: found.document.uri, range: new vscode.Range(at, at), version: found.document.version },
    });
  }
}

/** An argument as the Calls form reads it: tensors as nested lists, flags, None, numbers and names as text. */
function argumentText(value: unknown): CallArgumentInput | undefined {
  if (value === null) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'shape' in value && 'data' in value) {
    const write = (v: Nested): string => (typeof v === 'number' ? numberText(v) : `[${v.map(write).join(', ')}]`);
    return write(toNested(value as Parameters<typeof toNested>[0]));
  }
  return undefined;
}

function numberText(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return String(x);
}
