#!/usr/bin/env node
// Records the shipped example session media/examples/demo-session.jsonl: the embedded simulator with its
// feed and order activity on, a monitor on both hubs with the usual subscriptions, a drop at ~5 s and the
// reconnect, about 10 s in all. Loopback only. Re-run after a change to the recording format:
//   node scripts/recordExample.mjs [out.jsonl] [--seconds 10]
import * as esbuild from 'esbuild';
import { mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const secondsAt = args.indexOf('--seconds');
const seconds = secondsAt >= 0 ? Number(args.splice(secondsAt, 2)[1]) : 10;
const out = resolve(args[0] ?? join(root, 'media/examples/demo-session.jsonl'));
if (!(seconds > 2 && seconds <= 120)) throw new Error(`--seconds must be between 2 and 120, got ${seconds}`);

// The engine and the simulator are TypeScript: bundle just what this script uses.
const bundle = join(root, 'out/scripts/recordExample.cjs');
await esbuild.build({
  stdin: {
    contents: "export * from './src/core/index.ts'; export { GatewaySimulator } from './src/simulator/index.ts';",
    resolveDir: root,
    loader: 'ts',
  },
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const engine = createRequire(import.meta.url)(bundle);
const { GatewaySimulator, GatewayClient, TokenSource, Timeline, createMonitor, demoProfile, recordMonitor, readRecording, DEMO_USERNAME, DEMO_API_KEY } = engine;

const ACCOUNT_ID = 123;
const CONTRACTS = ['CON.F.US.EP.U25', 'CON.F.US.NQ.U25'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const sim = new GatewaySimulator({ seed: 7, marketIntervalMs: 400, userActivityIntervalMs: 1500, keepAliveIntervalMs: 3000 });
const urls = await sim.start();
const profile = demoProfile(urls.port);
const timeline = new Timeline();
const tokens = new TokenSource({
  gateway: new GatewayClient(profile.apiUrl),
  credentials: { userName: DEMO_USERNAME, apiKey: DEMO_API_KEY },
  record: timeline.recorder(undefined),
});
const monitor = createMonitor({ profile, tokens, timeline, retryDelaysMs: [0, 1000, 2000] });
mkdirSync(dirname(out), { recursive: true });
const errors = [];
const recorder = recordMonitor(monitor, out, { secrets: () => [DEMO_API_KEY], onError: (m) => errors.push(m) });
const started = Date.now();
try {
  await monitor.connect();
  for (const m of ['SubscribeAccounts']) await monitor.user.subscriptions.add(m);
  for (const m of ['SubscribeOrders', 'SubscribePositions', 'SubscribeTrades']) await monitor.user.subscriptions.add(m, ACCOUNT_ID);
  for (const c of CONTRACTS) {
    await monitor.market.subscriptions.add('SubscribeContractQuotes', c);
    await monitor.market.subscriptions.add('SubscribeContractTrades', c);
  }
  await sleep(seconds * 500 - (Date.now() - started));
  const back = Promise.all([monitor.user, monitor.market].map((h) => new Promise((r) => { const d = h.onDidReconnect(() => { d.dispose(); r(); }); })));
  sim.faults.dropAll();
  await Promise.race([back, sleep(10_000).then(() => { throw new Error('no reconnect within 10 s'); })]);
  await sleep(seconds * 1000 - (Date.now() - started));
  await monitor.disconnect();
} finally {
  recorder.dispose();
  monitor.dispose();
  tokens.dispose();
  timeline.dispose();
  await sim.stop();
}
if (errors.length) throw new Error(errors[0]);
const recording = readRecording(out);
const frames = recording.lines.filter((l) => l.type === 'frame').length;
const kb = statSync(out).size / 1024;
console.log(`${out}: ${recording.lines.length} lines (${frames} frames), ${kb.toFixed(1)} KB, ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (kb >= 100) throw new Error(`the example must stay under 100 KB (${kb.toFixed(1)} KB): record fewer seconds or contracts`);
