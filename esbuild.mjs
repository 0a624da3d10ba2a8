// Builds the three bundles (extension host, CLI, webview) into dist/ and, with --tests, the test
// files into out/. Flags: --production (minify, no sourcemaps), --watch, --tests.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/**
 * @microsoft/signalr loads `ws`, `eventsource`, `tough-cookie`, ... through an indirect
 * `requireFunc(...)` that esbuild cannot follow, so a bundle without node_modules beside it throws
 * "Cannot find module 'ws'" (aspnetcore #47674). Rewrite those calls into plain `require` for the
 * modules we use, and into `null` for the ones we never reach (SSE transport, node-fetch and the
 * AbortController polyfill: Node 20 has fetch and AbortController).
 */
const cookieShim = JSON.stringify(resolve('src/core/hub/cookieShim.ts'));
const signalrRequirePlugin = {
  name: 'signalr-require',
  setup(build) {
    build.onLoad({ filter: /@microsoft[\\/]signalr[\\/]dist[\\/]cjs[\\/](HttpConnection|FetchHttpClient)\.js$/ }, (args) => {
      const unused = new Set(['eventsource', 'node-fetch', 'abort-controller']);
      // tough-cookie + fetch-cookie are 184 KB for an affinity cookie: see src/core/hub/cookieShim.ts.
      const shims = { 'tough-cookie': `require(${cookieShim})`, 'fetch-cookie': `require(${cookieShim}).fetchCookie` };
      const contents = readFileSync(args.path, 'utf8').replace(/requireFunc\("([^"]+)"\)/g, (_m, name) =>
        unused.has(name) ? 'null' : shims[name] ?? `require(${JSON.stringify(name)})`);
      return { contents, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/** Prints the lines VS Code's esbuild problem matcher waits for. */
const watchReporterPlugin = {
  name: 'watch-reporter',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  plugins: watch ? [watchReporterPlugin] : [],
};

const nodeCommon = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // ws tries these optional native speed-ups inside try/catch; they are never installed.
  external: ['vscode', 'bufferutil', 'utf-8-validate'],
  plugins: [signalrRequirePlugin, ...common.plugins],
};

const builds = [
  { ...nodeCommon, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' },
  { ...nodeCommon, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview/main.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  { ...common, entryPoints: ['src/webview/account/main.ts'], outfile: 'dist/webview/account.js', platform: 'browser', format: 'iife', target: 'es2022' },

  { ...common, entryPoints: ['src/webview/ladder/main.ts'], outfile: 'dist/webview/ladder.js', platform: 'browser', format: 'iife', target: 'es2022' },
];

function listTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listTests(full));
    else if (/\.(test|suite)\.ts$/.test(name) || /^(index|untrusted)\.ts$/.test(name) && dir.endsWith('vscode')) out.push(full);
  }
  return out;
}

if (tests) {
  // A deleted test's old bundle must not keep running.
  rmSync('out/test', { recursive: true, force: true });
  builds.push({
    ...nodeCommon,
    entryPoints: listTests('test'),
    outdir: 'out/test',
    outbase: 'test',
    // Tests load packages from node_modules like any Node program.
    packages: 'external',
    sourcemap: 'inline',
  });
}

function copyAssets() {
  mkdirSync('dist/webview', { recursive: true });
  cpSync('node_modules/@vscode/codicons/dist/codicon.css', 'dist/webview/codicon.css');
  cpSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/webview/codicon.ttf');
  cpSync('src/webview/style.css', 'dist/webview/style.css');
  cpSync('src/webview/account/account.css', 'dist/webview/account.css');

  cpSync('src/webview/ladder/ladder.css', 'dist/webview/ladder.css');
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  copyAssets();
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  copyAssets();
}
