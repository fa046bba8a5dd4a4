/**
 * Binding a call's arguments to its parameters, the way Python (or JavaScript) would: positional
 * arguments in order, then keywords, then defaults. This is the one place arguments are
 * validated; every error names the parameter (`InputError.argument`) and, for a tensor, the
 * element at fault.
 */
import { InputError, type InputName } from '../../errors';
import type { Tensor } from '../../tensor';
import { describeValue, shortNumber } from '../format';
import type { ArgumentValue, BoundArguments, CallEntry, Parameter, ParameterType } from './types';

/** Arguments as a caller writes them: positional in order, then by keyword. */
export interface ArgumentList {
  readonly positional?: readonly ArgumentValue[];
  readonly keyword?: Readonly<Record<string, ArgumentValue>>;
}

/**
 * Binds `call` (and, for a class, `init`: the constructor's arguments) to the entry's
 * parameters, fills in defaults and validates every value.
 */
export function bindArguments(entry: CallEntry, call: ArgumentList, init: ArgumentList = {}): BoundArguments {
  const values = new Map<string, ArgumentValue>();
  const given = new Set<string>();
  const stages: Array<['init' | 'call', ArgumentList]> =
    entry.form === 'class'
      ? [
          ['init', init],
          ['call', call],
        ]
      : [['call', call]];
  for (const [stage, list] of stages) {
    const parameters = entry.parameters.filter((p) => (p.stage ?? 'call') === stage);
    const positional = parameters.filter((p) => !p.keywordOnly);
    const args = list.positional ?? [];
    if (args.length > positional.length) {
      throw argumentError(
        `${callName(entry, stage)} takes ${positional.length} positional argument${positional.length === 1 ? '' : 's'} but ${args.length} were given`,
        undefined,
      );
    }
    args.forEach((value, i) => {
      values.set(positional[i].name, value);
      given.add(positional[i].name);
    });
    for (const [name, value] of Object.entries(list.keyword ?? {})) {
      const parameter = parameters.find((p) => p.name === name);
      if (!parameter) {
        const elsewhere = entry.parameters.find((p) => p.name === name);
        throw argumentError(
          elsewhere
            ? `${name} belongs to ${callName(entry, elsewhere.stage ?? 'call')}, not to ${callName(entry, stage)}`
            : `${callName(entry, stage)} has no parameter ${name}; it takes ${parameters.map((p) => p.name).join(', ')}`,
          name,
        );
      }
      if (given.has(name)) throw argumentError(`${callName(entry, stage)} got multiple values for argument ${name}`, name);
      values.set(name, value);
      given.add(name);
    }
  }
  for (const parameter of entry.parameters) {
    if (!values.has(parameter.name)) {
      if (parameter.default === undefined)
        throw argumentError(`${callName(entry, parameter.stage ?? 'call')} is missing the required argument ${parameter.name}`, parameter.name);
      values.set(parameter.name, parameter.default);
    }
    values.set(parameter.name, checkValue(parameter, values.get(parameter.name) ?? null));
  }
  return new Bound(entry, values, given);
}

/**
 * Keywords given in one flat list (the CLI's `--arg`, the calculator's form) split into the
 * constructor's and the call's, by which stage has a parameter of that name.
 */
export function splitByStage(entry: CallEntry, keyword: Readonly<Record<string, ArgumentValue>>): { init: ArgumentList; call: ArgumentList } {
  const init: Record<string, ArgumentValue> = {};
  const call: Record<string, ArgumentValue> = {};
  for (const [name, value] of Object.entries(keyword)) {
    const stage = entry.parameters.find((p) => p.name === name)?.stage ?? 'call';
    (stage === 'init' ? init : call)[name] = value;
  }
  return { init: { keyword: init }, call: { keyword: call } };
}

function callName(entry: CallEntry, stage: 'init' | 'call'): string {
  return entry.form === 'class' ? `${entry.id}${stage === 'init' ? '(…)' : '(…)(…)'}` : `${entry.id}(…)`;
}

function argumentError(message: string, argument: string | undefined, element?: number, input: InputName = 'arguments'): InputError {
  return new InputError(message, undefined, input, element, argument);
}

export function isTensor(value: ArgumentValue | undefined): value is Tensor {
  // Option values may come from anywhere (settings.json, a webview message): an object is a tensor only by its fields.
  return typeof value === 'object' && value !== null && Array.isArray(value.shape) && value.data instanceof Float64Array;
}

/**
 * `value` checked against `parameter`'s type, as bound (a number read from a one-element tensor,
 * None standing for a choice's value). Also the check of the engine's own options (option-schema.ts),
 * whose errors name `input` 'options'.
 */
export function checkValue(parameter: Parameter, value: ArgumentValue, input: InputName = 'arguments', argument = parameter.name): ArgumentValue {
  const fail = (message: string): InputError => argumentError(message, argument, undefined, input);
  const { name, type } = parameter;
  if (value === null) {
    if (parameter.nullable || parameter.default === null) return null;
    if (type.kind === 'choice' && type.nullMeans !== undefined) return type.nullMeans;
    throw fail(`${name} cannot be None; ${expected(type)}`);
  }
  switch (type.kind) {
    case 'tensor':
      if (typeof value === 'number') return { shape: [], data: Float64Array.of(value) };
      if (isTensor(value)) return value;
      break;
    case 'number-or-tensor':
      if (typeof value === 'number' || isTensor(value)) return value;
      break;
    case 'number': {
      const number = isTensor(value) && value.data.length === 1 ? value.data[0] : value;
      if (typeof number !== 'number' || !Number.isFinite(number)) break;
      const low = type.min !== undefined && (type.minExclusive ? number <= type.min : number < type.min);
      const high = type.max !== undefined && (type.maxExclusive ? number >= type.max : number > type.max);
      if (low || high) throw fail(`${name} must be ${rangeText(type)}; got ${shortNumber(number)}`);
      return number;
    }
    case 'integer': {
      const number = isTensor(value) && value.data.length === 1 ? value.data[0] : value;
      if (typeof number !== 'number' || !Number.isInteger(number)) break;
      if ((type.min !== undefined && number < type.min) || (type.max !== undefined && number > type.max)) {
        throw fail(`${name} must be an integer ${type.max === undefined ? `≥ ${type.min}` : `from ${type.min ?? '−∞'} to ${type.max}`}; got ${number}`);
      }
      return number;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      break;
    case 'string':
      if (typeof value === 'string') return value;
      break;
    case 'choice':
      if (typeof value === 'string' && type.values.includes(value)) return value;
      break;
  }
  throw fail(`${name} must be ${expected(type)}; got ${isTensor(value) ? `a tensor of shape [${value.shape.join(', ')}]` : describeValue(value)}`);
}

function rangeText(type: Extract<ParameterType, { kind: 'number' }>): string {
  if (type.min !== undefined && type.max !== undefined) {
    return `in ${type.minExclusive ? '(' : '['}${shortNumber(type.min)}, ${shortNumber(type.max)}${type.maxExclusive ? ')' : ']'}`;
  }
  if (type.min !== undefined) return `${type.minExclusive ? '>' : '≥'} ${shortNumber(type.min)}`;
  if (type.max !== undefined) return `${type.maxExclusive ? '<' : '≤'} ${shortNumber(type.max)}`;
  return 'a finite number';
}

function expected(type: ParameterType): string {
  switch (type.kind) {
    case 'tensor':
      return 'a tensor';
    case 'number-or-tensor':
      return 'a number or a tensor';
    case 'number':
      return `a number ${rangeText(type)}`.replace('a number a finite number', 'a finite number');
    case 'integer':
      return 'an integer';
    case 'boolean':
      return 'True or False';
    case 'string':
      return 'a string';
    case 'choice':
      return `one of ${type.values.map((v) => `'${v}'`).join(', ')}${type.nullMeans !== undefined ? ' or None' : ''}`;
  }
}

class Bound implements BoundArguments {
  constructor(
    readonly entry: CallEntry,
    readonly values: ReadonlyMap<string, ArgumentValue>,
    readonly given: ReadonlySet<string>,
  ) {}

  private read(name: string): ArgumentValue {
    if (!this.values.has(name)) throw new Error(`${this.entry.id} has no parameter ${name}`);
    return this.values.get(name) ?? null;
  }

  tensor(name: string): Tensor {
    const value = this.read(name);
    if (!isTensor(value)) throw argumentError(`${name} must be a tensor`, name);
    return value;
  }

  optionalTensor(name: string): Tensor | null {
    const value = this.read(name);
    return isTensor(value) ? value : null;
  }

  number(name: string): number {
    const value = this.read(name);
    if (typeof value !== 'number') throw argumentError(`${name} must be a number`, name);
    return value;
  }

  optionalNumber(name: string): number | null {
    const value = this.read(name);
    return typeof value === 'number' ? value : null;
  }

  numberOrTensor(name: string): number | Tensor | null {
    const value = this.read(name);
    return typeof value === 'number' || isTensor(value) ? value : null;
  }

  boolean(name: string): boolean {
    return this.read(name) === true;
  }

  choice(name: string): string {
    const value = this.read(name);
    if (typeof value !== 'string') throw argumentError(`${name} must be a name`, name);
    return value;
  }
}
