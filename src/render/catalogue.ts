/**
 * The call catalogue as `loss-lens --list-calls` and `--describe-call` print it: each entry's id,
 * framework, summary and parameters with their defaults, as text or as JSON.
 */
import { valueText } from '../engine/calls/catalogue';
import type { ArgumentValue, CallEntry, Parameter, ParameterType } from '../engine/calls/types';
import { type Nested, toNested } from '../tensor';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The type of a parameter in a few words: `tensor`, `number in [0, 1]`, `'none' | 'mean' | 'sum'`. */
function typeText(type: ParameterType): string {
  switch (type.kind) {
    case 'tensor':
      return 'tensor';
    case 'number-or-tensor':
      return 'number or tensor';
    case 'number': {
      const low = type.min === undefined ? '' : `${type.min}`;
      const high = type.max === undefined ? '' : `${type.max}`;
      if (low === '' && high === '') return 'number';
      if (high === '') return `number ${type.minExclusive ? '>' : '≥'} ${low}`;
      if (low === '') return `number ${type.maxExclusive ? '<' : '≤'} ${high}`;
      return `number in ${type.minExclusive ? '(' : '['}${low}, ${high}${type.maxExclusive ? ')' : ']'}`;
    }
    case 'integer':
      return type.min === undefined ? 'integer' : `integer ≥ ${type.min}`;
    case 'boolean':
      return 'boolean';
    case 'choice':
      return type.values.map((v) => `'${v}'`).join(' | ');
    case 'string':
      return 'string';
  }
}

function parameterLine(entry: CallEntry, parameter: Parameter): string {
  const value = parameter.default === undefined ? '' : ` = ${valueText(parameter.default, entry.language, parameter.name)}`;
  const stage = entry.form === 'class' ? ` [${parameter.stage === 'init' ? 'constructor' : 'call'}]` : '';
  const keyword = parameter.keywordOnly ? ' (keyword only)' : '';
  return `    ${parameter.name}${value}: ${typeText(parameter.type)}${parameter.nullable ? ' or None' : ''}${stage}${keyword} — ${parameter.description}`;
}

/** One entry: its id, what it returns, its parameters in positional order, its float32 behaviour and docs. */
export function callEntryText(entry: CallEntry): string[] {
  const aliases = entry.aliases?.length ? [`  also: ${entry.aliases.join(', ')}`] : [];
  return [
    `${entry.id}  (${entry.framework}, ${entry.form})`,
    ...aliases,
    `  ${entry.summary}`,
    '  parameters:',
    ...entry.parameters.map((p) => parameterLine(entry, p)),
    `  float32: ${entry.float32}`,
    `  docs: ${entry.docs}`,
  ];
}

export function catalogueText(entries: readonly CallEntry[]): string[] {
  return entries.flatMap((entry, i) => [...(i > 0 ? [''] : []), ...callEntryText(entry)]);
}

function defaultJson(value: ArgumentValue): Json {
  if (typeof value === 'object' && value !== null) {
    const convert = (v: Nested): Json => (typeof v === 'number' ? (Number.isFinite(v) ? v : null) : v.map(convert));
    return convert(toNested(value));
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}

function typeJson(type: ParameterType): { [key: string]: Json } {
  const out: { [key: string]: Json } = { kind: type.kind };
  if (type.kind === 'number') {
    if (type.min !== undefined) out.min = type.min;
    if (type.max !== undefined) out.max = type.max;
    if (type.minExclusive) out.minExclusive = true;
    if (type.maxExclusive) out.maxExclusive = true;
  }
  if (type.kind === 'integer' && type.min !== undefined) out.min = type.min;
  if (type.kind === 'choice') {
    out.values = [...type.values];
    if (type.nullMeans !== undefined) out.nullMeans = type.nullMeans;
  }
  return out;
}

/** One entry as JSON: `required` parameters have no `default` key. */
export function callEntryJson(entry: CallEntry): { [key: string]: Json } {
  return {
    id: entry.id,
    aliases: [...(entry.aliases ?? [])],
    framework: entry.framework,
    language: entry.language,
    form: entry.form,
    family: entry.family,
    summary: entry.summary,
    docs: entry.docs,
    float32: entry.float32,
    parameters: entry.parameters.map((p) => {
      const out: { [key: string]: Json } = { name: p.name, type: typeJson(p.type), required: p.default === undefined };
      if (p.default !== undefined) out.default = defaultJson(p.default);
      if (p.nullable) out.nullable = true;
      if (entry.form === 'class') out.stage = p.stage ?? 'call';
      if (p.keywordOnly) out.keywordOnly = true;
      out.description = p.description;
      return out;
    }),
  };
}

export function catalogueJson(entries: readonly CallEntry[]): { [key: string]: Json } {
  return { calls: entries.map(callEntryJson) };
}
