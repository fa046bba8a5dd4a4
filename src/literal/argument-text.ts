/**
 * A framework call's argument written as text (the CLI's `--arg name=value`, the calculator's
 * Calls form, and next a keyword argument read from code), read by the type of the parameter it
 * names, so `sum` is a reduction's name and `[1, 2, 0]` a tensor. Validation is bindArguments'
 * job; this only reads, and a text that does not read as the type asks is passed on as a string
 * for bindArguments to refuse with its message. A literal that does not parse is an InputError at
 * its line and column, naming the argument.
 */
import type { ArgumentValue, Parameter } from '../engine/calls/types';
import { InputError } from '../errors';
import { parseLiteral } from './index';

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

/** A plain number or a spelling of ±inf or NaN. */
function plainNumber(text: string): number | undefined {
  if (text in NUMBER_SPELLINGS) return NUMBER_SPELLINGS[text];
  const value = text === '' ? NaN : Number(text);
  return Number.isNaN(value) ? undefined : value;
}

/**
 * One number: a plain one, or anything a literal's element may be (`1/3`, `exp(1)`). A text that
 * is not one is an InputError at its line and column, naming the argument, so a form can mark
 * every bad field at once.
 */
function numberOf(text: string, name: string): number {
  const plain = plainNumber(text.trim());
  if (plain !== undefined) return plain;
  let element;
  try {
    // Read as the one element of a list; the error's place is moved back over the added `[`.
    element = parseLiteral(`[${text}]`).tensor;
  } catch (error) {
    if (!(error instanceof InputError) || !error.location) throw error;
    const { line, column, offset } = error.location;
    const location = { line, column: line === 1 ? Math.max(1, column - 1) : column, offset: Math.max(0, offset - 1) };
    throw new InputError(error.message, location, 'arguments', undefined, name);
  }
  if (element.data.length !== 1) throw new InputError(`${name} must be a single number`, { line: 1, column: 1, offset: 0 }, 'arguments', undefined, name);
  return element.data[0];
}

function unquoted(text: string): string {
  const quoted = /^(['"])(.*)\1$/.exec(text);
  return quoted ? quoted[2] : text;
}

function tensorOf(text: string, name: string): ArgumentValue {
  try {
    return parseLiteral(text).tensor;
  } catch (error) {
    if (error instanceof InputError) throw new InputError(error.message, error.location, 'arguments', error.element, name, error.related);
    throw error;
  }
}

/** What `text` says for `parameter` (undefined: the call has no such parameter; bindArguments says so). */
export function readArgumentText(parameter: Parameter | undefined, text: string): ArgumentValue {
  const trimmed = text.trim();
  if (trimmed === 'None' || trimmed === 'null') return null;
  if (!parameter) return trimmed;
  switch (parameter.type.kind) {
    case 'tensor':
    case 'number-or-tensor':
      return plainNumber(trimmed) ?? tensorOf(text, parameter.name);
    case 'number':
    case 'integer':
      return numberOf(text, parameter.name);
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
