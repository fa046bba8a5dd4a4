/**
 * The mathjs instance that evaluates arithmetic elements, built from only the factories
 * needed, with the functions the mathjs security guide lists as risky (import, createUnit,
 * reviver, evaluate, parse, simplify, derivative, resolve, compile, config) replaced by ones
 * that throw: https://mathjs.org/docs/expressions/security.html. Only expression.ts loads
 * this module, after its tokenizer has let the element through.
 */
import {
  absDependencies,
  acosDependencies,
  acoshDependencies,
  addDependencies,
  asinDependencies,
  asinhDependencies,
  atan2Dependencies,
  atanDependencies,
  atanhDependencies,
  cbrtDependencies,
  ceilDependencies,
  coshDependencies,
  cosDependencies,
  create,
  divideDependencies,
  eDependencies,
  evaluateDependencies,
  expDependencies,
  expm1Dependencies,
  fixDependencies,
  floorDependencies,
  hypotDependencies,
  InfinityDependencies,
  log10Dependencies,
  log1pDependencies,
  log2Dependencies,
  logDependencies,
  maxDependencies,
  minDependencies,
  modDependencies,
  multiplyDependencies,
  piDependencies,
  powDependencies,
  roundDependencies,
  signDependencies,
  sinDependencies,
  sinhDependencies,
  sqrtDependencies,
  subtractDependencies,
  tanDependencies,
  tanhDependencies,
  tauDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
} from 'mathjs';

const instance = create(
  {
    evaluateDependencies,
    addDependencies,
    subtractDependencies,
    multiplyDependencies,
    divideDependencies,
    powDependencies,
    modDependencies,
    unaryMinusDependencies,
    unaryPlusDependencies,
    absDependencies,
    signDependencies,
    sqrtDependencies,
    cbrtDependencies,
    hypotDependencies,
    expDependencies,
    expm1Dependencies,
    logDependencies,
    log2Dependencies,
    log10Dependencies,
    log1pDependencies,
    sinDependencies,
    cosDependencies,
    tanDependencies,
    asinDependencies,
    acosDependencies,
    atanDependencies,
    atan2Dependencies,
    sinhDependencies,
    coshDependencies,
    tanhDependencies,
    asinhDependencies,
    acoshDependencies,
    atanhDependencies,
    floorDependencies,
    ceilDependencies,
    roundDependencies,
    fixDependencies,
    minDependencies,
    maxDependencies,
    piDependencies,
    eDependencies,
    tauDependencies,
    InfinityDependencies,
  },
  {},
);

/** Captured before the instance's own `evaluate` is disabled below. */
const sandboxedEvaluate = instance.evaluate.bind(instance);

function disabled(name: string): () => never {
  return () => {
    throw new Error(`${name} is disabled`);
  };
}

instance.import(
  Object.fromEntries(
    ['import', 'createUnit', 'reviver', 'evaluate', 'parse', 'simplify', 'derivative', 'resolve', 'compile', 'config'].map((name) => [name, disabled(name)]),
  ),
  { override: true },
);

export function evaluateInSandbox(expression: string): unknown {
  return sandboxedEvaluate(expression);
}
