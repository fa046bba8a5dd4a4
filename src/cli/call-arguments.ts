/**
 * `--arg name=value` texts read into argument values by the type of the parameter they name, so
 * `sum` is a reduction's name and `[1, 2, 0]` a tensor. Validation is bindArguments' job; this
 * only reads, and a text that does not read as the type asks is passed on as a string for
 * bindArguments to refuse with its message. A literal that does not parse is an InputError at
 * its line and column, naming the argument.
 */
import type { ArgumentValue, CallEntry, Parameter } from '../engine/calls/types';
import { InputError } from '../errors';
import { locateInputError, parseLiteral } from '../literal';
import type { CallArgumentText } from './args';

const NUMBER_SPELLINGS: Readonly<Record<string, number>> = {
  inf: Infinity,
  '+inf': Infinity,
  '-inf': -Infinity,
  Infinity: Infinity,
  '-Infinity': -Infinity,
  nan: NaN,
  NaN: NaN,
  "float('inf')": Infinity,
  "-float('inf')": -Infinity,
  "float('nan')": NaN,
};

function numberOf(text: string): number | undefined {
  if (text in NUMBER_SPELLINGS) return NUMBER_SPELLINGS[text];
  const value = text === '' ? NaN : Number(text);
  return Number.isNaN(value) ? undefined : value;
}

function unquoted(text: string): string {
  const quoted = /^(['"])(.*)\1$/.exec(text);
  return quoted ? quoted[2] : text;
}

function tensorOf(text: string, name: string): ArgumentValue {
  try {
    return parseLiteral(text).tensor;
  } catch (error) {
    if (error instanceof InputError) throw new InputError(error.message, error.location, 'arguments', error.element, name);
    throw error;
  }
}

/** What `text` says for `parameter` (undefined: the call has no such parameter; bindArguments says so). */
export function readArgumentValue(parameter: Parameter | undefined, text: string): ArgumentValue {
  const trimmed = text.trim();
  if (trimmed === 'None' || trimmed === 'null') return null;
  if (!parameter) return trimmed;
  switch (parameter.type.kind) {
    case 'tensor':
    case 'number-or-tensor':
      return numberOf(trimmed) ?? tensorOf(text, parameter.name);
    case 'number':
    case 'integer':
      return numberOf(trimmed) ?? trimmed;
    case 'boolean':
      if (trimmed === 'True' || trimmed === 'true') return true;
      if (trimmed === 'False' || trimmed === 'false') return false;
      return trimmed;
    case 'choice': {
      // `tf.losses.Reduction.MEAN` names the value MEAN.
      const name = unquoted(trimmed);
      const last = name.split('.').pop() ?? name;
      return parameter.type.values.includes(name) || !parameter.type.values.includes(last) ? name : last;
    }
    case 'string':
      return unquoted(trimmed);
  }
}

/** The `--arg`s as keywords of `entry`, each read by the type of the parameter it names. */
export function readCallArguments(entry: CallEntry, args: readonly CallArgumentText[]): Record<string, ArgumentValue> {
  const keyword: Record<string, ArgumentValue> = {};
  for (const arg of args) {
    keyword[arg.name] = readArgumentValue(
      entry.parameters.find((p) => p.name === arg.name),
      arg.text,
    );
  }
  return keyword;
}

/** `error` located in the text of the `--arg` it names (by `error.argument`), when that text is a literal. */
export function locateCallError(error: InputError, args: readonly CallArgumentText[]): InputError {
  if (error.location || error.argument === undefined) return error;
  const arg = args.find((a) => a.name === error.argument);
  return arg ? locateInputError(error, arg.text) : error;
}
