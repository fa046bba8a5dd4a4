/**
 * The code-aware hover while a debug session is stopped: a loss call whose arguments the text does
 * not determine (`F.cross_entropy(outputs, targets)` with `outputs = model(x)`) is computed with
 * those arguments' live values, read from the stopped frame of this file. Only arguments that are
 * names, attributes or constant indices are read (evaluating `model(x)` would run the program);
 * the expressions Loss Lens sends only read (src/debug/templates.ts).
 */
import * as vscode from 'vscode';
import type { CodeAnalysis, CodeSite, SiteResult } from '../../code/analysis';
import { LIBRARY_OF_FRAMEWORK, type DType, type TensorValue } from '../../code/values';
import { decodeTensor } from '../../debug/decode';
import { buildExpression, templateFor } from '../../debug/templates';
import type { Config } from '../config';
import * as dap from './dap';
import { focusedFrame, focusedSession } from './live-tensors';
import type { DebugSessions } from './sessions';

/** The program's dtype names (`float32`, `torch.int64`, `Float32Array`) as the reader's. */
function dtypeOf(name: string): DType {
  const lower = name.toLowerCase();
  if (lower.includes('float64') || lower.includes('double')) return 'float64';
  if (lower.includes('int64') || lower.includes('long') || lower.includes('bigint')) return 'int64';
  if (lower.includes('int')) return 'int32';
  if (lower.includes('bool')) return 'bool';
  return 'float32';
}

/** The call computed with live values, or undefined when no stopped frame of this file can supply them. */
export async function liveCallResult(
  config: Config,
  sessions: DebugSessions,
  document: vscode.TextDocument,
  analysis: CodeAnalysis,
  site: CodeSite,
  token: vscode.CancellationToken,
): Promise<SiteResult | undefined> {
  const session = focusedSession();
  if (!session || !site.entry) return undefined;
  const state = sessions.state(session);
  if (state.ended || (state.tracked && !state.stopped)) return undefined;
  const missing = analysis.unresolvedArguments(site);
  if (missing.length === 0 || missing.some((m) => !m.readOnly)) return undefined;
  const template = templateFor(session.type, config.debugExpressionTemplates);
  if (!template) return undefined;
  let target;
  try {
    target = await focusedFrame(session, sessions);
  } catch {
    return undefined;
  }
  // Names mean something only in the frame that is running this file. Adapters report a path, or
  // (through a remote window) a URI whose scheme and authority differ from the document's.
  const reported = target.frame.source?.path;
  const framePath = reported && /^[a-z][\w+.-]*:\/\//i.test(reported) ? vscode.Uri.parse(reported).path : reported;
  if (!framePath || (framePath !== document.uri.path && framePath !== document.uri.fsPath)) return undefined;
  const values = new Map<string, TensorValue>();
  const library = LIBRARY_OF_FRAMEWORK[site.entry.framework];
  for (const argument of missing) {
    if (token.isCancellationRequested) return undefined;
    const response = await dap
      .evaluate(session, buildExpression(template, argument.expression, config.debugMaxElements), target.frame.id, template.context)
      .catch(() => undefined);
    if (!response || sessions.state(session).epoch !== target.epoch) return undefined;
    const decoded = decodeTensor(response.result, { role: 'logits', expression: argument.expression, maxElements: config.debugMaxElements });
    if (!decoded.ok) return undefined;
    const { shape, dtype, values: data } = decoded.tensor;
    values.set(argument.expression, { kind: 'tensor', tensor: { shape: [...shape], data: Float64Array.from(data) }, dtype: dtypeOf(dtype), library });
  }
  return analysis.resultWithLiveValues(site, values);
}
