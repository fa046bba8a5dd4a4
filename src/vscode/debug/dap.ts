/**
 * The few Debug Adapter Protocol requests Loss Lens sends through `DebugSession.customRequest`,
 * typed by hand (only the fields used), with each answer checked before use: an adapter's
 * response is untrusted data.
 */
import type * as vscode from 'vscode';

export interface DapSource {
  readonly name?: string;
  readonly path?: string;
}

export interface DapStackFrame {
  readonly id: number;
  readonly name: string;
  readonly line: number;
  readonly source?: DapSource;
}

export interface DapVariable {
  readonly name: string;
  readonly value: string;
  readonly type?: string;
  readonly evaluateName?: string;
  readonly variablesReference: number;
}

export interface DapEvaluateResponse {
  readonly result: string;
  readonly type?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function threads(session: vscode.DebugSession): Promise<{ id: number; name: string }[]> {
  const body: unknown = await session.customRequest('threads');
  const list = isRecord(body) && Array.isArray(body.threads) ? body.threads : [];
  return list.filter(isRecord).flatMap((t) => (Number.isInteger(t.id) ? [{ id: t.id as number, name: typeof t.name === 'string' ? t.name : '' }] : []));
}

function toFrame(value: unknown): DapStackFrame | undefined {
  if (!isRecord(value) || !Number.isInteger(value.id)) return undefined;
  const source = isRecord(value.source)
    ? {
        ...(typeof value.source.name === 'string' ? { name: value.source.name } : {}),
        ...(typeof value.source.path === 'string' ? { path: value.source.path } : {}),
      }
    : undefined;
  return {
    id: value.id as number,
    name: typeof value.name === 'string' ? value.name : '',
    line: Number.isInteger(value.line) ? (value.line as number) : 0,
    ...(source ? { source } : {}),
  };
}

export async function stackTrace(session: vscode.DebugSession, threadId: number, levels: number): Promise<DapStackFrame[]> {
  const body: unknown = await session.customRequest('stackTrace', { threadId, startFrame: 0, levels });
  const frames = isRecord(body) && Array.isArray(body.stackFrames) ? body.stackFrames : [];
  return frames.map(toFrame).filter((f): f is DapStackFrame => f !== undefined);
}

export async function scopes(session: vscode.DebugSession, frameId: number): Promise<{ name: string; variablesReference: number; expensive: boolean }[]> {
  const body: unknown = await session.customRequest('scopes', { frameId });
  const list = isRecord(body) && Array.isArray(body.scopes) ? body.scopes : [];
  return list
    .filter(isRecord)
    .flatMap((s) =>
      Number.isInteger(s.variablesReference) && (s.variablesReference as number) > 0
        ? [{ name: typeof s.name === 'string' ? s.name : '', variablesReference: s.variablesReference as number, expensive: s.expensive === true }]
        : [],
    );
}

export function toVariable(value: unknown): DapVariable | undefined {
  if (!isRecord(value) || typeof value.name !== 'string') return undefined;
  return {
    name: value.name,
    value: typeof value.value === 'string' ? value.value : '',
    ...(typeof value.type === 'string' ? { type: value.type } : {}),
    ...(typeof value.evaluateName === 'string' ? { evaluateName: value.evaluateName } : {}),
    variablesReference: Number.isInteger(value.variablesReference) ? (value.variablesReference as number) : 0,
  };
}

export async function variables(session: vscode.DebugSession, variablesReference: number): Promise<DapVariable[]> {
  const body: unknown = await session.customRequest('variables', { variablesReference });
  const list = isRecord(body) && Array.isArray(body.variables) ? body.variables : [];
  return list.map(toVariable).filter((v): v is DapVariable => v !== undefined);
}

export async function evaluate(session: vscode.DebugSession, expression: string, frameId: number, context: string): Promise<DapEvaluateResponse> {
  const body: unknown = await session.customRequest('evaluate', { expression, frameId, context });
  if (!isRecord(body) || typeof body.result !== 'string') throw new Error('the debugger answered the evaluate request without a result');
  return { result: body.result, ...(typeof body.type === 'string' ? { type: body.type } : {}) };
}
