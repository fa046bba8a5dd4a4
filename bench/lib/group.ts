/** The contract between the runner and a benchmark group module (bench/<group>.ts). */
import type { GroupResult } from './result';

export interface GroupOptions {
  /** Fewer repetitions and smaller slow baselines: for checking the suite itself, not for RESULTS.md. */
  readonly quick: boolean;
}

/** A group that only measures synchronous work returns its result directly; one that waits on processes, a promise. */
export type Group = (options: GroupOptions) => GroupResult | Promise<GroupResult>;

/** Progress on stderr (the runner shows it; stdout stays free for the libraries' own chatter). */
export function progress(message: string): void {
  process.stderr.write(`  ${message}\n`);
}
