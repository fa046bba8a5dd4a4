/**
 * Peak resident memory of the CLI on [1024, 1000] logits (1 024 000 elements), measured by
 * `/usr/bin/time -f %M` when present, else by a preloaded hook reading
 * process.resourceUsage().maxRSS at exit. For scale: the JSON.parse + loop baseline and an empty
 * `node -e 0`. An in-process census of the report's typed arrays says where the memory goes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeClassification } from '../src/engine';
import { parseLiteral } from '../src/literal';
import { CLI_EPSILON, cliBundle, jsonLoopBaseline, writeCliFiles } from './lib/cli-files';
import { progress, type GroupOptions } from './lib/group';
import { summarize } from './lib/measure';
import { bytes, repoRoot, type GroupResult } from './lib/result';

const TIME = '/usr/bin/time';
const TARGET_BYTES = 100e6;

/** Peak RSS in bytes of `node <args>`. */
function peakRss(args: readonly string[]): number {
  if (existsSync(TIME)) {
    const result = spawnSync(TIME, ['-f', 'maxrss=%M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const match = /maxrss=(\d+)/.exec(result.stderr);
    if (result.status !== 0 || !match) throw new Error(`${TIME} node ${args.join(' ')} failed: ${result.stderr}`);
    return Number(match[1]) * 1024;
  }
  const dir = mkdtempSync(join(tmpdir(), 'loss-lens-bench-rss-'));
  try {
    const file = join(dir, 'maxrss');
    const hook = join(repoRoot, 'bench', 'baselines', 'report-max-rss.cjs');
    const result = spawnSync(process.execPath, ['--require', hook, ...args], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, LOSS_LENS_MAX_RSS_FILE: file },
    });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
    return Number(readFileSync(file, 'utf8')) * 1024;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Bytes of distinct ArrayBuffers reachable through data properties (shared buffers counted
 * once). Getters are not called: fields the engine computes on first read cost nothing until then.
 */
function typedArrayBytes(value: unknown, seen: Set<ArrayBufferLike>, visited = new Set<object>()): number {
  if (value === null || typeof value !== 'object' || visited.has(value)) return 0;
  visited.add(value);
  if (ArrayBuffer.isView(value)) {
    if (seen.has(value.buffer)) return 0;
    seen.add(value.buffer);
    return value.buffer.byteLength;
  }
  let total = 0;
  for (const descriptor of Object.values(Object.getOwnPropertyDescriptors(value))) {
    if ('value' in descriptor) total += typedArrayBytes(descriptor.value, seen, visited);
  }
  return total;
}

/** Data fields holding one float64 per logit (a Tensor or a typed array of that length), other than the input's own buffer. */
function perElementFields(report: object, input: Float64Array): string[] {
  return Object.entries(Object.getOwnPropertyDescriptors(report))
    .filter(([, descriptor]) => {
      const value = descriptor.value as { data?: unknown } | undefined;
      const array = ArrayBuffer.isView(value) ? value : value?.data;
      return ArrayBuffer.isView(array) && (array as Float64Array).length === input.length && array.buffer !== input.buffer;
    })
    .map(([key]) => key);
}

function lazyFields(value: object): string[] {
  return Object.entries(Object.getOwnPropertyDescriptors(value))
    .filter(([, descriptor]) => descriptor.get !== undefined)
    .map(([key]) => key);
}

export function run(options: GroupOptions): GroupResult {
  const files = writeCliFiles();
  try {
    const repetitions = options.quick ? 1 : 5;
    const measure = (args: readonly string[]) =>
      summarize(
        'rss',
        Array.from({ length: repetitions }, () => peakRss(args)),
      );
    progress(`memory: peak RSS (${existsSync(TIME) ? TIME : 'process.resourceUsage().maxRSS'}), ${repetitions} runs each`);
    const cli = measure([cliBundle, ...files.cliArguments]);
    const baseline = measure([jsonLoopBaseline, files.logits, files.labels, String(CLI_EPSILON)]);
    const loaded = measure([cliBundle, '--version']);
    const empty = measure(['-e', '0']);
    const peak = (t: { samples: readonly number[] }) => Math.max(...t.samples);
    const row = (name: string, t: { samples: readonly number[] }) => [
      name,
      bytes(peak(t)),
      t.samples.length > 1 ? t.samples.map(bytes).join(', ') : '—',
      t === empty ? '—' : bytes(peak(t) - peak(empty)),
    ];

    progress('memory: typed arrays the report holds');
    const text = readFileSync(files.logits, 'utf8');
    const logits = parseLiteral(text).tensor;
    const labels = parseLiteral(readFileSync(files.labels, 'utf8')).tensor;
    const report = analyzeClassification(logits, labels, { smoothing: CLI_EPSILON });
    const reportBytes = typedArrayBytes(report, new Set([logits.data.buffer]));
    const lazy = lazyFields(report);
    const perElement = perElementFields(report, logits.data);

    return {
      title: 'Memory',
      tables: [
        {
          caption: `Peak RSS, logits [1024, 1000] (${(1024 * 1000).toLocaleString('en')} elements, ${bytes(text.length)} of text); max of ${repetitions} run${repetitions === 1 ? '' : 's'}`,
          columns: ['process', 'peak RSS (max)', 'each run', 'above `node -e 0`'],
          rows: [
            row('**`node dist/cli.js … --summary --json`**', cli),
            row('`node cli-json-loop.mjs` (JSON.parse + loops)', baseline),
            row('`node dist/cli.js --version` (the bundle loaded, no work)', loaded),
            row('`node -e 0`', empty),
          ],
        },
        {
          caption: 'What the CLI holds at its peak (in-process census, same source)',
          columns: ['item', 'bytes'],
          rows: [
            ['logits text (one-byte string)', bytes(text.length)],
            ['parsed logits (Float64Array)', bytes(logits.data.byteLength)],
            [
              `typed arrays the report holds (shared buffers counted once${lazy.length > 0 ? `; not counted: ${lazy.map((k) => `\`${k}\``).join(', ')}, computed on first read, which the summary never does` : ''})`,
              bytes(reportBytes),
            ],
          ],
        },
      ],
      targets: [
        {
          description: 'CLI peak RSS on 1M elements',
          measured: bytes(peak(cli)),
          target: `≤ ${bytes(TARGET_BYTES)}`,
          met: peak(cli) <= TARGET_BYTES,
          note:
            `Node alone is ${bytes(peak(empty))} and loading the bundle adds ${bytes(peak(loaded) - peak(empty))}. The report then holds ${bytes(reportBytes)} of typed arrays — per element: ${perElement.map((k) => `\`${k}\``).join(', ')} (shared buffers once), ${bytes(logits.data.byteLength)} each — which \`--summary --json\` never prints, next to the ${bytes(text.length)} text and the ${bytes(logits.data.byteLength)} parsed logits. ` +
            `Proposed fix (engine and CLI owners): let analyzeClassification skip the per-element outputs when only totals are wanted (a \`summary\` option: the kernel accumulates the sums row by row, as the per-sample values already are), or compute them on first read${lazy.length > 0 ? ` as ${lazy.map((k) => `\`${k}\``).join(', ')} already are` : ''}; that would bring the peak to about ${bytes(peak(cli) - reportBytes)}.`,
        },
      ],
      notes: [
        `Peak RSS comes from ${existsSync(TIME) ? '`/usr/bin/time -f %M` (getrusage of the child)' : 'a preloaded hook reporting process.resourceUsage().maxRSS at exit'}; MB = 10⁶ bytes. It includes Node itself (the \`node -e 0\` row).`,
      ],
      versions: {},
    };
  } finally {
    files.remove();
  }
}
