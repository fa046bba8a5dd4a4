/**
 * The benchmark inputs: seeded, so every run and every implementation sees the same numbers.
 * Logits are N(0, 2²) rounded to 4 decimals (what a printed tensor looks like), so the tensor,
 * its Python literal and its JSON text hold exactly the same values.
 */
import type { Tensor } from '../../src/tensor';

export interface Problem {
  readonly samples: number;
  readonly classes: number;
  /** [samples, classes], row-major. */
  readonly logits: Float64Array;
  /** One class index per sample. */
  readonly labels: Int32Array;
}

/** mulberry32: small, fast, and the same sequence on every platform. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rounded as printed; `+ 0` turns −0 into 0, which is how "-0.0000" reads back from text anyway. */
function fourDecimals(value: number): number {
  return Math.round(value * 1e4) / 1e4 + 0;
}

export function makeProblem(samples: number, classes: number, seed = 20261129): Problem {
  const next = random(seed ^ (samples * 7919 + classes));
  const logits = new Float64Array(samples * classes);
  for (let i = 0; i < logits.length; i += 2) {
    // Box–Muller: two normals from two uniforms.
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    logits[i] = fourDecimals(2 * radius * Math.cos(angle));
    if (i + 1 < logits.length) logits[i + 1] = fourDecimals(2 * radius * Math.sin(angle));
  }
  const labels = new Int32Array(samples);
  for (let i = 0; i < samples; i++) labels[i] = Math.floor(next() * classes);
  return { samples, classes, logits, labels };
}

/** Fresh engine tensors (copies), so no call can reuse another call's buffers or results. */
export function engineTensors(problem: Problem): { logits: Tensor; labels: Tensor } {
  return {
    logits: { shape: [problem.samples, problem.classes], data: problem.logits.slice() },
    labels: { shape: [problem.samples], data: Float64Array.from(problem.labels) },
  };
}

export function nestedRows(problem: Problem): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < problem.samples; i++) rows.push(Array.from(problem.logits.subarray(i * problem.classes, (i + 1) * problem.classes)));
  return rows;
}

/** Shortest round-trip decimal of each value (what Python's repr and JSON.stringify print). */
function row(values: Float64Array): string {
  return Array.from(values, (v) => String(v)).join(', ');
}

/**
 * `[[a, b, ...],\n [c, d, ...]]`, one row per line: a Python list literal that is also valid
 * JSON, so the CLI and a JSON.parse baseline can read the very same file.
 */
export function listLiteral(problem: Problem): string {
  const lines: string[] = [];
  for (let i = 0; i < problem.samples; i++) lines.push(`[${row(problem.logits.subarray(i * problem.classes, (i + 1) * problem.classes))}]`);
  return `[${lines.join(',\n ')}]\n`;
}

/** The literal as it sits in Python source: `logits = [[...],\n          [...]]`. */
export function pythonAssignment(problem: Problem, name = 'logits'): string {
  const indent = ' '.repeat(name.length + 4);
  const lines: string[] = [];
  for (let i = 0; i < problem.samples; i++) lines.push(`[${row(problem.logits.subarray(i * problem.classes, (i + 1) * problem.classes))}]`);
  return `${name} = [${lines.join(`,\n${indent}`)}]\n`;
}

export function labelsLiteral(problem: Problem): string {
  return `[${Array.from(problem.labels).join(', ')}]\n`;
}

/**
 * A 2,000-line PyTorch training script for the code-reading benchmarks: imports, a model of
 * helper functions, and a loss call every 20 lines or so, each with literals of its own, so a
 * hover has a realistic file to find its call and bindings in. `target` marks the hovered call.
 */
export function longPythonScript(lines = 2000): { text: string; target: string } {
  const out = ['import torch', 'import torch.nn.functional as F', 'from torch import nn', '', 'criterion = nn.CrossEntropyLoss(label_smoothing=0.1)', ''];
  let block = 0;
  while (out.length < lines - 8) {
    const a = ((block * 37) % 17) / 10;
    out.push(
      `def step_${block}(scale=${(1 + (block % 5) / 10).toFixed(1)}):`,
      `    """Training step ${block}: logits for a batch of 4 over 5 classes."""`,
      `    logits = torch.tensor([[${a}, 0.5, -1.0, 2.0, 0.1], [0.3, ${a}, 0.2, -0.4, 1.1], [1.5, -0.2, ${a}, 0.0, 0.7], [0.2, 0.4, 0.6, ${a}, -0.9]])`,
      `    target = torch.tensor([${block % 5}, 1, 2, -100])`,
      '    scaled = logits * scale',
      '    loss = F.cross_entropy(scaled, target, reduction="mean")',
      '    total = criterion(scaled, target)',
      '    return loss + total',
      '',
      `weights_${block} = torch.tensor([1.0, 2.0, 0.5, 1.0, 1.0])`,
      `batch_${block} = torch.tensor([[0.1, 0.2, 0.3, 0.4, 0.5], [1.0, -1.0, 0.5, 0.0, 2.0]])`,
      `labels_${block} = torch.tensor([4, 0])`,
      `value_${block} = F.cross_entropy(batch_${block}, labels_${block}, weight=weights_${block})`,
      `print(value_${block})`,
      '',
      `for epoch in range(3):`,
      `    print(epoch, step_${block}())`,
      '',
      '',
      '',
    );
    block++;
  }
  out.push(
    'if __name__ == "__main__":',
    '    final_logits = torch.tensor([[2.0, 1.0, 0.1, -1.0, 0.5], [0.2, 0.3, 0.1, 2.5, -0.5]])',
    '    final_target = torch.tensor([0, 3])',
  );
  const target = 'F.cross_entropy(final_logits, final_target, label_smoothing=0.2)';
  out.push(`    final = ${target}`, '    print(final)', '');
  return { text: out.join('\n'), target };
}
