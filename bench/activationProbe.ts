/**
 * Child-process probe for the activation figure: in a cold Node process, times `require` of the
 * extension bundle plus its synchronous `activate()`. `vscode` cannot load outside the host, so it
 * is an object of inert members (each callable and constructible, returning another inert object
 * that keeps what is assigned to it; config `get(key, default)` returns the default): this measures our own code's cost (bundle parse,
 * module init, building the services) and none of the host's. Prints `{"ms":..}` or `{"error":..}`.
 */
import Module from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Inert = (...args: unknown[]) => unknown;

function inert(cache = new Map<PropertyKey, unknown>()): Inert {
  // A plain function (not an arrow): only those can be a Proxy target for `new`.
  const target: Inert = function inertTarget() {
    return undefined;
  };
  const self: Inert = new Proxy(target, {
    get(_t, key) {
      if (cache.has(key)) return cache.get(key);
      if (key === 'then') return undefined;
      if (key === Symbol.toPrimitive) return () => '';
      if (key === Symbol.iterator) return function* empty() {};
      if (key === 'toString' || key === 'toJSON') return () => '';
      if (key === 'get') return (_key: unknown, fallback?: unknown) => fallback;
      // Settings read from user settings only (inspect): nothing set, so the defaults apply.
      if (key === 'inspect') return () => undefined;
      const member = inert();
      cache.set(key, member);
      return member;
    },
    set(_t, key, value) {
      cache.set(key, value);
      return true;
    },
    apply: () => inert(),
    construct: () => inert() as unknown as object,
  });
  return self;
}

interface Loadable {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

/**
 * Node built-ins the bundle requires that the extension host has loaded long before any extension
 * activates (it patches http/https/tls/net for proxies and uses fs/crypto/stream itself).
 */
const HOST_BUILTINS = ['fs', 'path', 'os', 'events', 'stream', 'buffer', 'util', 'url', 'querystring', 'crypto', 'zlib', 'net', 'tls', 'http', 'https', 'dns/promises', 'perf_hooks'];

function main(): void {
  const bundle = resolve(process.argv[2] ?? 'dist/extension.js');
  // `host`: the built-ins are loaded first, as in the extension host; `cold`: a bare Node process.
  if (process.argv[3] === 'host') for (const name of HOST_BUILTINS) Module.createRequire(__filename)(`node:${name}`);
  const loader = Module as unknown as Loadable;
  const load = loader._load.bind(Module);
  // esbuild copies the module's own keys (__toESM): give it every top-level name of the API.
  const vscode: Record<string, unknown> = {};
  const api = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  for (const m of api.matchAll(/^\s*export (?:namespace|class|enum|const|function|let) ([A-Za-z_$][\w$]*)/gm)) vscode[m[1]] ??= inert();
  loader._load = (request, parent, isMain) => (request === 'vscode' ? vscode : load(request, parent, isMain));
  const context = {
    subscriptions: [] as unknown[],
    secrets: inert(),
    globalState: inert(),
    workspaceState: inert(),
    extension: { packageJSON: { version: '0.0.0-bench' } },
    extensionUri: inert(),
    extensionPath: resolve('.'),
    asAbsolutePath: (p: string) => resolve(p),
  };
  const started = performance.now();
  const ext = Module.createRequire(__filename)(bundle) as { activate?: (ctx: unknown) => unknown };
  const loaded = performance.now();
  if (typeof ext.activate !== 'function') throw new Error(`${bundle} exports no activate()`);
  ext.activate(context);
  const ms = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ ms, requireMs: loaded - started, disposables: context.subscriptions.length })}\n`);
  // Start-up work activate() began (demo, auto-connect) is not part of activation: leave now.
  process.exit(0);
}

try {
  main();
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
  process.exit(0);
}
