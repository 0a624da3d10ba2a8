// Lint, and the architecture's boundaries: the core, simulator and CLI never import `vscode`;
// the webview and the shared protocol import neither `vscode`, host code nor Node built-ins.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noVscode = { name: 'vscode', message: 'The core, simulator, CLI and benchmark are vscode-free: move this to src/extension.' };

/** no-restricted-imports for one layer: vscode and the named top-level folders are off limits. */
function layer(files, forbidden, message, extraPatterns = []) {
  return {
    files,
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [{ group: forbidden.map((folder) => `**/${folder}/**`), message }, ...extraPatterns] }] },
  };
}

/**
 * Inside the core, imports go downward only. At the bottom the contract: the types files, the enums,
 * the failure kinds, the hub method table and the profiles, which import nothing but each other and
 * util. Above them each folder may import the folders of a lower rank (and any contract file).
 */
const CORE_CONTRACT = { errors: ['hubError'], events: ['types', 'enums'], hub: ['types', 'methods'], gateway: ['types'], timeline: ['types'], recording: ['types'], monitor: ['types'], doctor: ['types'] };
const CORE_RANK = { util: 0, wire: 1, errors: 2, events: 3, gateway: 4, auth: 5, timeline: 5, market: 5, subscriptions: 6, recording: 6, hub: 7, resync: 8, monitor: 9, chart: 9, doctor: 9 };
const CORE_ORDER = 'contract types < util < wire < errors < events < gateway < auth, timeline, market < subscriptions, recording < hub < resync < monitor, chart, doctor';
/** The implementation files of `folder` (every file but its contract files) as a gitignore-style group. */
const implementationOf = (folder) => [`**/${folder}/*`, ...(CORE_CONTRACT[folder] ?? []).map((file) => `!**/${folder}/${file}`)];
function coreLayers() {
  const topLevel = ['simulator', 'cli', 'extension', 'webview'];
  const topMessage = 'The core is the bottom layer: it may not import the simulator, CLI, extension or webview.';
  const folders = Object.keys(CORE_RANK);
  const blocks = folders.map((folder) => {
    const above = folders.filter((other) => other !== folder && CORE_RANK[other] >= CORE_RANK[folder]);
    const group = above.flatMap(implementationOf);
    return layer([`src/core/${folder}/**/*.ts`], topLevel, topMessage, group.length ? [{ group, message: `Core layers import downward only (${CORE_ORDER}): ${folder} may not import this.` }] : []);
  });
  const contractFiles = [...Object.entries(CORE_CONTRACT).flatMap(([folder, files]) => files.map((file) => `src/core/${folder}/${file}.ts`)), 'src/core/profiles.ts'];
  const allImplementation = folders.filter((f) => f !== 'util').flatMap(implementationOf);
  blocks.push(layer(contractFiles, topLevel, topMessage, [{ group: allImplementation, message: 'Contract types sit at the bottom of the core: import only other contract files and util.' }]));
  return blocks;
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.tools/**', '.test-runs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'smart'],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'off',
      // `import vscode = require('vscode')`: a namespace import of the external vscode module makes
      // esbuild copy its ~450 names into a new object in every file (measured: ~17 ms of activation).
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/simulator/**/*.ts', 'src/cli/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [{ group: ['**/extension/**', '**/webview/**'], message: 'The core may not import the extension or webview layers.' }],
      }],
    },
  },
  // The layers, bottom up: core < simulator < cli < extension. A later block replaces the rule for its files.
  layer(['src/core/**/*.ts'], ['simulator', 'cli', 'extension', 'webview'], 'The core is the bottom layer: it may not import the simulator, CLI, extension or webview.'),
  ...coreLayers(),
  layer(['src/simulator/**/*.ts'], ['cli', 'extension', 'webview'], 'The simulator may import the core only, never the CLI, extension or webview.', [
    // It defines the gateway's contract itself (src/simulator/contract): from the core only the protocol codec, utilities and the demo profile.
    { group: [...Object.keys(CORE_RANK).filter((f) => f !== 'util' && f !== 'wire').map((f) => `**/core/${f}/**`)], message: 'The simulator checks the client: take names and shapes from src/simulator/contract, not from the client (core); only core/util, core/wire and core/profiles.' },
    { regex: '(^|/)core(/index)?$', message: 'The simulator may not import the core\'s index (the client): only core/util, core/wire and core/profiles.' },
  ]),
  layer(['src/cli/**/*.ts'], ['extension', 'webview'], 'The CLI may not import the extension or webview.'),
  {
    files: ['src/extension/util/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^\\.\\./(?!util/|\\.\\./|core$)', message: 'extension/util sits below the feature folders: pass what it needs in (an interface), do not import a feature.' }],
      }],
    },
  },
  {
    files: ['src/webview/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Webview code runs in a browser frame: no vscode import.' }, ...nodeBuiltins.map((name) => ({ name, message: 'Webview code runs in a browser frame: no Node built-ins.' }))],
        patterns: [{ group: ['**/extension/**', '**/core/**', '**/simulator/**', '**/cli/**'], message: 'Webview and protocol code may not import host code; share types through src/shared.' }],
      }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: Object.fromEntries(['process', 'console', 'URL', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Buffer', 'require', 'module', '__dirname', 'fetch', 'AbortController'].map((g) => [g, 'readonly'])) },
  },
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
