/** What the hover benchmark entry (inside VS Code) and bench/extension.ts (outside) exchange. */
export const BENCH_RESULT_MARKER = 'loss-lens-bench-result ';

/** Passed to the extension host in the LOSS_LENS_BENCH_CONFIG environment variable. */
export interface HoverBenchConfig {
  /** `activation`: only time extension.activate(); `hovers`: the hover series. */
  readonly mode: 'activation' | 'hovers';
  readonly warmup: number;
  readonly hovers: number;
  /** A series stops early after this long (it reports how many hovers it timed). */
  readonly budgetMs: number;
  /** In `activation` mode, idle time before timing, while the built-in extensions start. */
  readonly settleMs: number;
}

export interface HoverSeries {
  readonly name: string;
  /** Milliseconds per executeHoverProvider call. */
  readonly samples: readonly number[];
  /** Length of the hover markdown (all providers). */
  readonly characters: number;
}

export interface HoverBenchResult {
  readonly vscodeVersion: string;
  readonly uiKind: 'web' | 'desktop';
  /** Node of the extension host. */
  readonly node: string;
  /** `activation` mode: require() of the main module, then extension.activate(); null otherwise or if already active. */
  readonly activation: { readonly loadMs: number; readonly activateMs: number } | null;
  readonly bigLiteralCharacters: number;
  /** Empty in `activation` mode. */
  readonly series: readonly HoverSeries[];
}
