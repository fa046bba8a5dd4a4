/** The contract between the runner and a benchmark group module (bench/<group>.ts). */
import type { GroupResult } from './result';

export interface GroupOptions {
  /** Fewer repetitions and smaller slow baselines: for checking the suite itself, not for RESULTS.md. */
  readonly quick: boolean;
}

export type Group = (options: GroupOptions) => Promise<GroupResult>;

/** Progress on stderr (the runner shows it; stdout stays free for the libraries' own chatter). */
export function progress(message: string): void {
  process.stderr.write(`  ${message}\n`);
}
