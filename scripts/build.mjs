// Bundles every entry point with esbuild. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const production = !process.argv.includes('--dev');
const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/**
 * Modules loaded lazily with require('./sandbox'), require('./precision') (both pull in mathjs)
 * require('./catalogue') (the framework call catalogue) or require('./reader') (the code reader, with the Lezer parsers): each becomes its own file next to
 * the bundle that uses it, so the extension activates without parsing them.
 */
const LAZY_MODULES = {
  sandbox: 'src/literal/sandbox.ts',
  precision: 'src/engine/precision.ts',
  catalogue: 'src/engine/calls/catalogue.ts',
  reader: 'src/code/reader.ts',
};
const lazyModules = {
  name: 'lazy-modules',
  setup(build) {
    build.onResolve({ filter: /^\.\/(sandbox|precision|catalogue|reader)$/ }, (args) =>
      args.kind === 'require-call' ? { path: `./lazy-${args.path.slice(2)}.js`, external: true } : undefined,
    );
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};

const integrationEntries = readdirSync(join(root, 'test/integration'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => `test/integration/${f}`);

const builds = [
  {
    ...common,
    entryPoints: {
      extension: 'src/extension.ts',
      'analysis-worker': 'src/worker/analysis-worker.ts',
      ...Object.fromEntries(Object.entries(LAZY_MODULES).map(([name, path]) => [`lazy-${name}`, path])),
    },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
    plugins: [lazyModules],
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    plugins: [lazyModules],
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    banner: { js: '#!/usr/bin/env node' },
    define: { LOSS_LENS_VERSION: JSON.stringify(version) },
  },
  {
    // The calculator webview: browser code, no engine or mathjs (the host computes).
    ...common,
    entryPoints: { webview: 'src/webview/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'chrome114',
  },
  {
    ...common,
    entryPoints: integrationEntries,
    outdir: 'out/test/integration',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    minify: false,
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
  },
];

rmSync(join(root, 'dist'), { recursive: true, force: true });
rmSync(join(root, 'out'), { recursive: true, force: true });

// Stylesheets and fonts the calculator webview links, copied beside its bundle (the webview may
// only load from dist/webview and media). KaTeX: woff2 only, the first format its CSS lists.
function copyWebviewAssets() {
  const target = join(root, 'dist/webview');
  const modules = join(root, 'node_modules');
  mkdirSync(join(target, 'katex/fonts'), { recursive: true });
  cpSync(join(modules, 'katex/dist/katex.min.css'), join(target, 'katex/katex.min.css'));
  for (const font of readdirSync(join(modules, 'katex/dist/fonts')).filter((f) => f.endsWith('.woff2'))) {
    cpSync(join(modules, 'katex/dist/fonts', font), join(target, 'katex/fonts', font));
  }
  mkdirSync(join(target, 'codicons'), { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) cpSync(join(modules, '@vscode/codicons/dist', file), join(target, 'codicons', file));
  mkdirSync(join(target, 'uplot'), { recursive: true });
  cpSync(join(modules, 'uplot/dist/uPlot.min.css'), join(target, 'uplot/uPlot.min.css'));
}
copyWebviewAssets();

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
