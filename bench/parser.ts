/**
 * Parser throughput: the [1024, 1000] logits written as a Python literal (`logits = [[...],\n
 * ...]`, one row per line, numbers as Python prints them), read by parseLiteral, against
 * JSON.parse of the same numbers as JSON and mathjs `evaluate` of the same Python text (an
 * assignment of a nested array is valid mathjs syntax). Every reader must produce exactly the
 * tensor's doubles.
 */
import { evaluate, type Matrix } from 'mathjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findLiterals, literalAt, parseLiteral } from '../src/literal';
import { assertEqualBits, MismatchError } from './lib/check';
import { progress, type GroupOptions } from './lib/group';
import { makeProblem, nestedRows, pythonAssignment } from './lib/inputs';
import { compare, pairedRatio, type BenchCase } from './lib/measure';
import { bytes, ms, packageVersion, ratio, ratioAgainst, repoRoot, throughput, type GroupResult } from './lib/result';

/** What profiling found, while the code it points at is still there. */
function parserGapCause(pythonBytes: number, jsonBytes: number): string {
  const scanner = readFileSync(join(repoRoot, 'src', 'literal', 'array.ts'), 'utf8');
  const growsFromSixteen = scanner.includes('new Float64Array(16)') && scanner.includes('this.values.slice(0, this.count)');
  return (
    "Profiled (`node --cpu-prof` on an unminified bundle of 30 parses): about 40% in `fastNumber` (digit accumulation and the one correctly rounded multiply or divide per number, already Clinger's fast path), 20% in `scan` (one pass over the characters), " +
    (growsFromSixteen
      ? "and about 15–20% in garbage collection and copying caused by the output buffer: it starts at 16 values and doubles (16 reallocations and copies for 1 024 000 values, about 16 MB of short-lived ArrayBuffers for 8 MB of data), then `finish` copies the values once more with `slice`. Proposed fix (parser owner): size the buffer once from the first closed row (elements per row × text length ÷ the row's length), grow by 1.5× only if that estimate falls short, and return a `subarray` when the estimate is within a few percent instead of copying. "
      : 'and the rest in allocation and garbage collection. ') +
    `JSON.parse is C++ and reads ${((1 - jsonBytes / pythonBytes) * 100).toFixed(0)}% fewer bytes here. Check the load average above before acting on a small miss: this machine is shared.`
  );
}

/** A flat copy of the text: a new string per call, so nothing can be cached by string identity. */
function freshCopy(text: string): string {
  return Buffer.from(text, 'latin1').toString('latin1');
}

function flattenRows(rows: number[][], classes: number): Float64Array {
  const out = new Float64Array(rows.length * classes);
  rows.forEach((row, i) => {
    if (row.length !== classes) throw new Error(`row ${i} has ${row.length} values`);
    out.set(row, i * classes);
  });
  return out;
}

export function run(options: GroupOptions): GroupResult {
  const samples = 1024;
  const classes = 1000;
  const problem = makeProblem(samples, classes);
  const python = pythonAssignment(problem);
  const json = JSON.stringify(nestedRows(problem));
  const expected = problem.logits;
  const middle = python.indexOf('[', python.length >> 1);

  progress('parser: checking that every reader gives the same doubles');
  const parsed = parseLiteral(python);
  if (parsed.tensor.shape.join() !== `${samples},${classes}`) throw new MismatchError(`parseLiteral shape ${parsed.tensor.shape.join()}`);
  assertEqualBits('parseLiteral', parsed.tensor.data, expected);
  assertEqualBits('JSON.parse', flattenRows(JSON.parse(json) as number[][], classes), expected);
  const hovered = literalAt(python, middle);
  if (hovered === undefined || hovered instanceof Error) throw new MismatchError(`literalAt found ${String(hovered)}`);
  assertEqualBits('literalAt', hovered.tensor.data, expected);
  const mathjsStarted = performance.now();
  const mathjsMatrix = evaluate(python.trimEnd()) as Matrix;
  const mathjsMs = performance.now() - mathjsStarted;
  assertEqualBits('mathjs evaluate', (mathjsMatrix.toArray() as number[][]).flat(), expected);

  const cases: BenchCase<string>[] = [
    { name: 'parseLiteral', prepare: () => freshCopy(python), run: (text) => parseLiteral(text) },
    { name: 'JSON.parse', prepare: () => freshCopy(json), run: (text) => JSON.parse(text) as unknown },
    { name: 'JSON.parse + Float64Array', prepare: () => freshCopy(json), run: (text) => flattenRows(JSON.parse(text) as number[][], classes) },
    { name: 'literalAt', prepare: () => freshCopy(python), run: (text) => literalAt(text, middle) },
    { name: 'findLiterals', prepare: () => freshCopy(python), run: (text) => findLiterals(text) },
    // mathjs reads the assignment as one statement; the trailing newline would make it a ResultSet.
    { name: 'mathjs evaluate', prepare: () => freshCopy(python.trimEnd()), run: (text) => evaluate(text) as unknown, knownCallMs: mathjsMs },
  ];
  progress('parser: timing');
  const timings = compare(
    cases,
    options.quick
      ? { warmup: 2, repetitions: 5, minBatchMs: 20, slowCallMs: 1000, slowRepetitions: 1 }
      : { warmup: 5, repetitions: 21, minBatchMs: 50, slowCallMs: 1000, slowRepetitions: 3 },
  );
  const median = (name: string) => timings.find((t) => t.name === name)!.median;
  const jsonParse = median('JSON.parse');
  const labels: Record<string, string> = {
    parseLiteral: '**`parseLiteral`** (Python text → Float64Array + shape)',
    'JSON.parse': '`JSON.parse` (JSON text → nested arrays)',
    'JSON.parse + Float64Array': '`JSON.parse`, then copied into a Float64Array (the same output as parseLiteral)',
    literalAt: '`literalAt` at a position inside the literal (the hover path)',
    findLiterals: '`findLiterals` over the text (the partner index)',
    'mathjs evaluate': 'mathjs `evaluate` of the Python text',
  };
  const elements = samples * classes;
  const byName = (name: string) => timings.find((t) => t.name === name)!;
  const ratioToJson = pairedRatio(byName('parseLiteral'), byName('JSON.parse'));
  return {
    title: 'Parser throughput',
    tables: [
      {
        caption: `Logits [${samples}, ${classes}]: Python literal ${bytes(python.length)}, JSON ${bytes(json.length)}`,
        columns: ['reader', 'median / call', 'p25 – p75', 'reps × batch', 'elements / s', 'MB / s of text', 'time ÷ JSON.parse'],
        rows: timings.map((t) => {
          const textLength = t.name.startsWith('JSON') ? json.length : python.length;
          return [
            labels[t.name],
            ms(t.median),
            `${ms(t.p25)} – ${ms(t.p75)}`,
            `${t.samples.length} × ${t.batch}`,
            throughput(elements, t.median),
            (textLength / t.median / 1000).toFixed(0),
            ratio(t.median / jsonParse),
          ];
        }),
      },
    ],
    targets: [
      {
        description: 'parseLiteral within 1.5× of JSON.parse, [1024, 1000]',
        measured: ratioAgainst(ratioToJson, 1.5),
        target: '≤ 1.5×',
        met: ratioToJson <= 1.5,
        note: parserGapCause(python.length, json.length),
      },
    ],
    notes: [
      'Checked before timing: parseLiteral, literalAt, JSON.parse (flattened) and mathjs evaluate all return exactly the generated doubles, bit for bit. Each call gets a freshly allocated copy of its text (untimed).',
      `The Python text is ${((python.length / json.length - 1) * 100).toFixed(0)}% longer than the JSON (", " separators, line breaks and indentation, \`logits = \`), so per byte the parser does relatively better than the per-call ratio shows. JSON.parse is native C++ and returns nested arrays; parseLiteral also checks the shape (ragged rows are an error with line and column) and fills one Float64Array.`,
    ],
    versions: { mathjs: packageVersion('mathjs') },
  };
}
