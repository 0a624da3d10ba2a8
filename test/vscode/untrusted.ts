// The in-host runner for a workspace VS Code does not trust (restricted mode): runInHost.mjs
// --untrusted opens the folder with workspace trust on and never trusts it. Only the trust suite
// runs here; it checks first that the workspace really is untrusted, so it cannot pass vacuously.
import { runSuites } from './index';
import { UNTRUSTED_RUN } from './support/host';

export function run(): Promise<void> {
  process.env[UNTRUSTED_RUN] = '1';
  return runSuites('vscode-untrusted', (name) => name === 'trust.suite.js');
}
