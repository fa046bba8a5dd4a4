/**
 * Runs one benchmark group in its own process (fresh heap and JIT state, so groups cannot
 * disturb each other) and writes its GroupResult as JSON to the file the runner names.
 *   node --expose-gc --import tsx bench/lib/child.ts <group> <result.json> [--quick]
 */
import { writeFileSync } from 'node:fs';
import type { Group } from './group';

async function main(): Promise<void> {
  const [group, resultFile, ...flags] = process.argv.slice(2);
  const module = (await import(`../${group}`)) as { run: Group };
  const result = await module.run({ quick: flags.includes('--quick') });
  writeFileSync(resultFile, JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
