#!/usr/bin/env node
// Installs the system tools the mocha suites use, idempotently: Debian's `prometheus` package, for
// promtool (check metrics / check rules / test rules) and the real Prometheus server the metrics
// tests scrape with. Mirrors scripts/vscode/setup.mjs: apt-get as root, or sudo -n, else one line
// naming the command to run.
import { spawnSync } from 'node:child_process';

const sh = (cmd, args, options = {}) => spawnSync(cmd, args, { encoding: 'utf8', ...options });
const has = (tool) => sh('sh', ['-c', `command -v ${tool}`]).status === 0;
const lastLine = (text) => (text ?? '').trim().split('\n').filter(Boolean).slice(-1)[0] ?? '(no output)';

function fail(message) {
  console.error(`deps: FAILED: ${message}`);
  process.exit(1);
}

if (has('promtool') && has('prometheus')) {
  console.log('deps: promtool and prometheus present');
  process.exit(0);
}
const isRoot = process.getuid?.() === 0;
if (!isRoot && !has('sudo')) fail('promtool is missing; run as root: apt-get install -y prometheus');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const apt = (args) => (isRoot ? sh('apt-get', args, { env }) : sh('sudo', ['-n', 'apt-get', ...args], { env }));
console.log('deps: apt-get install prometheus (for promtool) ...');
const update = apt(['update', '-qq']);
if (update.status !== 0) fail(`apt-get update failed: ${lastLine(update.stderr)}`);
const install = apt(['install', '-y', '-qq', '--no-install-recommends', 'prometheus']);
if (install.status !== 0) fail(`apt-get install prometheus failed: ${lastLine(install.stderr)}`);
// The package's postinst may start a service on :9090 where systemd runs; the tests start their own.
if (!has('promtool')) fail('apt-get installed prometheus but promtool is not on PATH');
console.log('deps: promtool installed');
