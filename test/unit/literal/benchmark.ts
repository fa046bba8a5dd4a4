/**
 * Ad-hoc timing (not a test): parseLiteral on a 1024×1000 Python-style float matrix against
 * JSON.parse of the same numbers (CPU time, best of 9). Run: npx tsx test/unit/literal/benchmark.ts
 */
import { findLiterals, literalAt, parseLiteral } from '../../../src/literal';

function matrixText(rows: number, columns: number): string {
  let state = 12345;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const row: string[] = [];
    for (let j = 0; j < columns; j++) {
      const u = next();
      row.push(j % 3 === 2 ? (-(u * 1e-2)).toExponential(4) : (u * 4 - 2).toFixed(6));
    }
    lines.push(`[${row.join(', ')}]`);
  }
  return `[${lines.join(',\n ')}]`;
}

/** Least CPU time (ms) over `runs` calls: steadier than wall time on a shared machine. */
function best(runs: number, task: () => void): number {
  let fastest = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    task();
    const used = process.cpuUsage(start);
    fastest = Math.min(fastest, (used.user + used.system) / 1000);
  }
  return fastest;
}

const text = matrixText(1024, 1000);
const runs = 9;
const json = best(runs, () => JSON.parse(text) as unknown);
const parse = best(runs, () => parseLiteral(text));
console.log(
  `1024×1000 floats, ${(text.length / 1e6).toFixed(1)} MB: JSON.parse ${json.toFixed(1)} ms, parseLiteral ${parse.toFixed(1)} ms, ratio ${(parse / json).toFixed(2)}`,
);

const document = `import numpy as np\n\n${'x = f(a, b)[0]  # filler line with [brackets] and "strings [1, 2]"\n'.repeat(8000)}logits = np.array(${text.slice(0, 200_000).replace(/,[^,]*$/, ']]')})\n`;
const hoverAt = document.indexOf('logits') + 100;
console.log(
  `${(document.length / 1e6).toFixed(1)} MB document: findLiterals ${best(3, () => findLiterals(document)).toFixed(1)} ms, literalAt ${best(runs, () => literalAt(document, hoverAt)).toFixed(2)} ms`,
);
