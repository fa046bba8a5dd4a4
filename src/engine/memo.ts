/** A function that computes its value on the first call and returns that same value afterwards. */
export function memo<T>(compute: () => T): () => T {
  let cached: T | undefined;
  return () => (cached ??= compute());
}
