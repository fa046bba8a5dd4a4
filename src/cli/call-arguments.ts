/** `--arg name=value` texts read into argument values (src/literal/argument-text.ts), and errors located in them. */
import type { ArgumentValue, CallEntry } from '../engine/calls/types';
import { InputError } from '../errors';
import { locateInputError } from '../literal';
import { readArgumentText } from '../literal/argument-text';
import type { CallArgumentText } from './args';

/** The `--arg`s as keywords of `entry`, each read by the type of the parameter it names. */
export function readCallArguments(entry: CallEntry, args: readonly CallArgumentText[]): Record<string, ArgumentValue> {
  const keyword: Record<string, ArgumentValue> = {};
  for (const arg of args) {
    keyword[arg.name] = readArgumentText(
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
