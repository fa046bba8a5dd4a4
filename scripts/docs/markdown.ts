// The README sections generated from the engine: the call catalogue (CALLS) grouped by framework,
// and the dialect table (DIALECT_CALLS, REDUCTION_NAMES, dialectSigmoidSmoothing), in English and
// Simplified Chinese. `npm run docs:catalogue` writes them between their marker comments;
// test/unit/docs/catalogue-docs.test.ts fails when the READMEs are out of date.
import { CALLS, findCall, valueText } from '../../src/engine/calls/catalogue';
import { FRAMEWORK_NAMES, type CallEntry, type Parameter } from '../../src/engine/calls/types';
import { REDUCTION_NAMES, dialectSigmoidSmoothing } from '../../src/engine/dialect';
import { DIALECT_CALLS, type MeanDivisor } from '../../src/engine/dialect-calls';
import { DIALECTS } from '../../src/report/model';

export type Language = 'en' | 'zh-CN';

export const README_FILES: Readonly<Record<Language, string>> = { en: 'README.md', 'zh-CN': 'README.zh-CN.md' };

/** Each generated section's name; its text sits between `<!-- NAME:begin -->` and `<!-- NAME:end -->`. */
export type Section = 'catalogue' | 'dialects';
export const SECTIONS: readonly Section[] = ['catalogue', 'dialects'];

interface Words {
  catalogueIntro: (total: number, counts: string) => string;
  catalogueHeader: readonly string[];
  form: Readonly<Record<CallEntry['form'], string>>;
  also: string;
  listSeparator: string;
  dialectHeader: readonly string[];
  indexLabels: string;
  otherTargets: string;
  softmax: string;
  sigmoid: string;
  byHand: string;
  noSigmoid: string;
  smoothingFixed: string;
  smoothingAsAsked: string;
  divisor: Readonly<Record<MeanDivisor, string>>;
}

const WORDS: Readonly<Record<Language, Words>> = {
  en: {
    catalogueIntro: (total, counts) =>
      `${total} calls (${counts}). Each is computed the way that framework computes it, with its own parameter names, positions and ` +
      'defaults (written as the call’s language writes them); a class lists its constructor’s parameters, then its call’s. ' +
      '`loss-lens --describe-call ID` prints a call’s parameter types and descriptions.',
    catalogueHeader: ['call', 'form', 'family', 'parameters and defaults', 'returns'],
    form: { function: 'function', class: 'class' },
    also: 'also',
    listSeparator: ', ',
    dialectHeader: [
      'dialect',
      'softmax cross-entropy',
      'sigmoid cross-entropy',
      'with `input = probabilities`',
      'sigmoid targets are smoothed',
      '`mean` is',
      'softmax CE `mean` divides by',
      'sigmoid CE `mean` divides by',
    ],
    indexLabels: 'index labels',
    otherTargets: 'one-hot or soft targets',
    softmax: 'softmax',
    sigmoid: 'sigmoid',
    byHand: '−Σ y·log p by hand',
    noSigmoid: '−z·log p − (1 − z)·log(1 − p) by hand',
    smoothingFixed: 'ε/2 (the framework’s own)',
    smoothingAsAsked: 'as you ask (`lossLens.sigmoidSmoothing`)',
    divisor: {
      samples: 'samples',
      elements: 'elements',
      'target-weight-sum': 'Σ w[yᵢ] of the non-ignored targets',
      'nonzero-weights': 'nonzero weights (every value without weights)',
    },
  },
  'zh-CN': {
    catalogueIntro: (total, counts) =>
      `共 ${total} 个调用（${counts}）。每个调用都按所属框架的方式计算，使用框架自己的参数名、参数顺序和默认值（按调用所用语言的写法给出）；` +
      '类先列出构造函数的参数，再列出调用的参数。`loss-lens --describe-call ID` 会打印调用的参数类型和说明。' +
      '“返回值”一栏与引擎的其他消息一样使用英文。',
    catalogueHeader: ['调用', '形式', '损失类别', '参数与默认值', '返回值'],
    form: { function: '函数', class: '类' },
    also: '别名',
    listSeparator: '、',
    dialectHeader: [
      '框架约定',
      'softmax 交叉熵',
      'sigmoid 交叉熵',
      '`input = probabilities` 时',
      'sigmoid 目标的平滑方式',
      '`mean` 对应',
      'softmax 交叉熵的 `mean` 除以',
      'sigmoid 交叉熵的 `mean` 除以',
    ],
    indexLabels: '类别索引标签',
    otherTargets: '独热或软目标',
    softmax: 'softmax',
    sigmoid: 'sigmoid',
    byHand: '手工计算 −Σ y·log p',
    noSigmoid: '手工计算 −z·log p − (1 − z)·log(1 − p)',
    smoothingFixed: 'ε/2（框架自身的做法）',
    smoothingAsAsked: '按设置（`lossLens.sigmoidSmoothing`）',
    divisor: {
      samples: '样本数',
      elements: '元素个数',
      'target-weight-sum': '未被忽略的目标的权重之和 Σ w[yᵢ]',
      'nonzero-weights': '非零权重的个数（无权重时为全部值）',
    },
  },
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function code(text: string): string {
  return `\`${text}\``;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)];
}

function parameterText(entry: CallEntry, parameter: Parameter): string {
  if (parameter.default === undefined) return parameter.name;
  return `${parameter.name}=${valueText(parameter.default, entry.language, parameter.name)}`;
}

/** `(a, b=1, *, c=None)`: Python marks keyword-only parameters with `*`. */
function parameterList(entry: CallEntry, parameters: readonly Parameter[]): string {
  const parts: string[] = [];
  parameters.forEach((p, i) => {
    if (entry.language === 'python' && p.keywordOnly && !parameters[i - 1]?.keywordOnly) parts.push('*');
    parts.push(parameterText(entry, p));
  });
  return `(${parts.join(', ')})`;
}

/** The parameters as the call is written: `(init…)(call…)` for a class. */
export function signatureText(entry: CallEntry): string {
  if (entry.form === 'function') return parameterList(entry, entry.parameters);
  const stage = (s: 'init' | 'call') => entry.parameters.filter((p) => (p.stage ?? 'call') === s);
  return `${parameterList(entry, stage('init'))}${parameterList(entry, stage('call'))}`;
}

function callCell(entry: CallEntry, words: Words): string {
  const link = `[${code(entry.id)}](${entry.docs})`;
  const aliases = entry.aliases ?? [];
  return aliases.length === 0 ? link : `${link}<br>${words.also} ${aliases.map(code).join(', ')}`;
}

export function catalogueSection(language: Language): string {
  const words = WORDS[language];
  const frameworks = [...new Set(CALLS.map((e) => e.framework))];
  const counts = frameworks.map((f) => `${FRAMEWORK_NAMES[f]} ${CALLS.filter((e) => e.framework === f).length}`).join(words.listSeparator);
  const lines = [words.catalogueIntro(CALLS.length, counts)];
  for (const framework of frameworks) {
    const entries = CALLS.filter((e) => e.framework === framework);
    lines.push('', `### ${FRAMEWORK_NAMES[framework]} (${entries.length})`, '');
    lines.push(
      ...table(
        words.catalogueHeader,
        entries.map((e) => [callCell(e, words), words.form[e.form], code(e.family), code(cell(signatureText(e))), cell(e.summary)]),
      ),
    );
  }
  return lines.join('\n');
}

function callLink(id: string): string {
  return `[${code(id)}](${findCall(id).docs})`;
}

function divisorText(words: Words, divisors: { readonly indices: MeanDivisor; readonly targets: MeanDivisor } | MeanDivisor): string {
  if (typeof divisors === 'string') return words.divisor[divisors];
  if (divisors.indices === divisors.targets) return words.divisor[divisors.indices];
  return `${words.divisor[divisors.indices]} (${words.indexLabels}); ${words.divisor[divisors.targets]} (${words.otherTargets})`;
}

export function dialectSection(language: Language): string {
  const words = WORDS[language];
  const rows = DIALECTS.map((dialect) => {
    const calls = DIALECT_CALLS[dialect];
    const softmax =
      calls.softmax.indices === calls.softmax.targets
        ? callLink(calls.softmax.indices)
        : `${callLink(calls.softmax.indices)} (${words.indexLabels}), ${callLink(calls.softmax.targets)} (${words.otherTargets})`;
    const probabilities = [
      `${words.softmax}: ${calls.probabilities.softmax ? callLink(calls.probabilities.softmax) : words.byHand}`,
      `${words.sigmoid}: ${calls.probabilities.sigmoid ? callLink(calls.probabilities.sigmoid) : words.noSigmoid}`,
    ].join('; ');
    // A dialect whose smoothing does not follow the request smooths its own way.
    const fixed = dialectSigmoidSmoothing(dialect, 'classes') === dialectSigmoidSmoothing(dialect, 'binary');
    const mean = REDUCTION_NAMES[dialect].mean;
    return [
      code(dialect),
      softmax,
      callLink(calls.sigmoid),
      probabilities,
      fixed ? words.smoothingFixed : words.smoothingAsAsked,
      code(mean),
      divisorText(words, calls.meanDivides.softmax),
      divisorText(words, calls.meanDivides.sigmoid),
    ];
  });
  return table(words.dialectHeader, rows).join('\n');
}

export function sectionText(section: Section, language: Language): string {
  return section === 'catalogue' ? catalogueSection(language) : dialectSection(language);
}

function markers(section: Section): { begin: string; end: string } {
  return { begin: `<!-- ${section}:begin -->`, end: `<!-- ${section}:end -->` };
}

/** The text between a section's markers, or null when the markers are missing. */
export function currentSection(readme: string, section: Section): string | null {
  const { begin, end } = markers(section);
  const start = readme.indexOf(begin);
  const stop = readme.indexOf(end);
  if (start < 0 || stop < start) return null;
  return readme
    .slice(start + begin.length, stop)
    .replace(/^\n/, '')
    .replace(/\n$/, '');
}

/** `readme` with every section rewritten from the engine; throws when a section's markers are missing. */
export function updatedReadme(readme: string, language: Language): string {
  let out = readme;
  for (const section of SECTIONS) {
    const { begin, end } = markers(section);
    const start = out.indexOf(begin);
    const stop = out.indexOf(end);
    if (start < 0 || stop < start) throw new Error(`${README_FILES[language]} has no ${begin} … ${end} markers`);
    out = `${out.slice(0, start + begin.length)}\n${sectionText(section, language)}\n${out.slice(stop)}`;
  }
  return out;
}
