import type { Tensor } from '../tensor';
import type { ScanOptions } from './array';
import type { WrappedArray } from './wrapper';

export interface ParsedLiteral {
  readonly tensor: Tensor;
  /** 0-based offset of the literal (including a wrapper call) in the text. */
  readonly start: number;
  /** Exclusive end offset. */
  readonly end: number;
  /** Variable, keyword argument or key the literal is assigned to, if any. */
  readonly name?: string;
  /** Every element is a whole number (True/False count as 1/0); ±inf and NaN are not. */
  readonly integral: boolean;
  /** From a dtype argument, canonicalised: 'float32', 'int64', ... */
  readonly dtype?: string;
}

export interface ParseOptions {
  /** Deepest bracket nesting accepted (default 32). */
  maxDepth?: number;
  /** Most elements accepted in one literal (default 10 000 000). */
  maxElements?: number;
  /** Evaluate arithmetic elements like `1/3` or `exp(1)` in the mathjs sandbox (default true). */
  expressions?: boolean;
}

export function scanOptions(options: ParseOptions | undefined): ScanOptions {
  return {
    maxDepth: Math.max(1, options?.maxDepth ?? 32),
    maxElements: Math.max(1, options?.maxElements ?? 10_000_000),
    expressions: options?.expressions ?? true,
  };
}

export function toParsedLiteral(array: WrappedArray, name: string | undefined): ParsedLiteral {
  return {
    tensor: { shape: array.shape, data: array.data },
    start: array.start,
    end: array.end,
    ...(name !== undefined ? { name } : {}),
    integral: array.integral,
    ...(array.dtype !== undefined ? { dtype: array.dtype } : {}),
  };
}
