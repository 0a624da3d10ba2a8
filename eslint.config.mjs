// Lint, and the architecture's boundaries: the core, simulator and CLI never import `vscode`;
// the webview and the shared protocol import neither `vscode`, host code nor Node built-ins.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noVscode = { name: 'vscode', message: 'The core, simulator, CLI and benchmark are vscode-free: move this to src/extension.' };

/** no-restricted-imports for one layer: vscode and the named top-level folders are off limits. */
function layer(files, forbidden, message) {
  return {
    files,
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [{ group: forbidden.map((folder) => `**/${folder}/**`), message }] }] },
  };
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
  layer(['src/simulator/**/*.ts'], ['cli', 'extension', 'webview'], 'The simulator may import the core only, never the CLI, extension or webview.'),
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
