import type * as vscode from 'vscode';
import type { CodeReader } from './code/code-reader';
import type { Config } from './config';
import type { DebugSessions } from './debug/sessions';
import type { LiteralIndex } from './literal-index';
import type { ResultDocuments } from './result-documents';

/** What every command and provider of the extension shares. */
export interface LossLensContext {
  readonly extension: vscode.ExtensionContext;
  readonly config: Config;
  readonly literals: LiteralIndex;
  readonly log: vscode.LogOutputChannel;
  readonly results: ResultDocuments;
  readonly code: CodeReader;
  /** Which debug sessions are stopped, for reading live tensors. */
  readonly debugSessions: DebugSessions;
}
