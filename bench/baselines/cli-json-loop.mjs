// The CLI's end-to-end baseline: reads the same two files with JSON.parse, computes the same
// means and sums with plain loops (softmax CE against y(1 − ε) + ε/K, sigmoid CE against the
// same targets: the CLI's default `--sigmoid-smoothing classes`), prints them as JSON.
//   node bench/baselines/cli-json-loop.mjs <logits.json> <labels.json> <ε>
import { readFileSync } from 'node:fs';

const [logitsPath, labelsPath, epsilonText] = process.argv.slice(2);
const rows = JSON.parse(readFileSync(logitsPath, 'utf8'));
const labels = JSON.parse(readFileSync(labelsPath, 'utf8'));
const epsilon = Number(epsilonText);
const samples = rows.length;
const classes = rows[0].length;
const keep = 1 - epsilon;
const floor = epsilon / classes;

let softmaxSum = 0;
let sigmoidSum = 0;
for (let i = 0; i < samples; i++) {
  const row = rows[i];
  const label = labels[i];
  let m = -Infinity;
  for (let j = 0; j < classes; j++) if (row[j] > m) m = row[j];
  let s = 0;
  for (let j = 0; j < classes; j++) s += Math.exp(row[j] - m);
  const logSumExp = m + Math.log(s);
  for (let j = 0; j < classes; j++) {
    const v = row[j];
    const target = (j === label ? keep : 0) + floor;
    softmaxSum += target * (logSumExp - v);
    sigmoidSum += (v > 0 ? v : 0) - v * target + Math.log1p(Math.exp(v < 0 ? v : -v));
  }
}
process.stdout.write(
  `${JSON.stringify({
    mean: { softmaxCrossEntropy: softmaxSum / samples, sigmoidCrossEntropy: sigmoidSum / (samples * classes) },
    sum: { softmaxCrossEntropy: softmaxSum, sigmoidCrossEntropy: sigmoidSum },
  })}\n`,
);
