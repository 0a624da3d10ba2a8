/**
 * `hubmon demo`: runs the gateway simulator on 127.0.0.1 (the `demo` profile's port by default)
 * and prints where it listens, the demo credentials and a ready-made watch command.
 */
import { DEMO_API_KEY, DEMO_PORT, DEMO_USERNAME } from '../../core/profiles';
import { parseOptions, parsePort } from '../args';
import { CliFailure, ExitCode, type CliCommand, type CliIo } from '../command';
import { GatewaySimulator } from '../engine';
import { waitForStop } from '../interrupt';

const HELP = `Usage: hubmon demo [--port N] [--json]

Runs the embedded ProjectX gateway simulator (REST + User and Market hubs) on 127.0.0.1 until
Ctrl+C. The demo profile (hubmon watch --profile demo) points at port ${DEMO_PORT}, the default.

  --port N      listen on port N (0 = any free port; the chosen port is printed)
  --json        print the URLs and credentials as one JSON line
  -h, --help    this help
`;

const OPTIONS = {
  port: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'run the gateway simulator on 127.0.0.1 until interrupted',
  synopsis: 'hubmon demo [--port N] [--json]',
  help: HELP,
  async run(args, io) {
    const values = parseOptions(args, OPTIONS);
    const port = values.port === undefined ? DEMO_PORT : parsePort(values.port);
    return runDemo(port, values.json === true, io);
  },
};

async function runDemo(port: number, json: boolean, io: CliIo): Promise<number> {
  const simulator = new GatewaySimulator({ port });
  const stop = waitForStop();
  let urls: Awaited<ReturnType<GatewaySimulator['start']>>;
  try {
    urls = await simulator.start();
  } catch (error) {
    stop.dispose();
    await simulator.stop().catch(() => undefined);
    throw new CliFailure(listenFailure(error, port), ExitCode.failure);
  }
  const ids = { accounts: simulator.world.accounts.map((a) => a.id), contracts: simulator.world.contracts.map((c) => c.id) };
  const watchArgs = urls.port === DEMO_PORT
    ? '--profile demo'
    : `--profile demo --api-url ${urls.restUrl} --user-hub-url ${urls.userHubUrl} --market-hub-url ${urls.marketHubUrl}`;
  const subscribeArgs = [...ids.accounts.slice(0, 1).map((a) => `--account ${a}`), ...ids.contracts.slice(0, 1).map((c) => `--contract ${c}`)].join(' ');
  const watchCommand = `hubmon watch ${watchArgs}${subscribeArgs ? ` ${subscribeArgs}` : ''}`;
  if (json) {
    const line = { kind: 'demo', ...urls, username: DEMO_USERNAME, apiKey: DEMO_API_KEY, accounts: ids.accounts, contracts: ids.contracts, watch: watchCommand };
    io.stdout.write(`${JSON.stringify(line)}\n`);
  } else {
    io.stdout.write(
      [
        `Demo gateway (simulator) listening on 127.0.0.1:${urls.port}`,
        `  REST        ${urls.restUrl}`,
        `  user hub    ${urls.userHubUrl}`,
        `  market hub  ${urls.marketHubUrl}`,
        `  username    ${DEMO_USERNAME}`,
        `  API key     ${DEMO_API_KEY}   (published demo key, not a secret)`,
        ...(ids.accounts.length ? [`  accounts    ${ids.accounts.join(', ')}`] : []),
        ...(ids.contracts.length ? [`  contracts   ${ids.contracts.join(', ')}`] : []),
        '',
        `Watch it:    ${watchCommand}`,
        'Press Ctrl+C to stop.',
        '',
      ].join('\n'),
    );
  }
  await stop.stopped;
  stop.dispose();
  await simulator.stop();
  if (!json) io.stderr.write('hubmon: demo gateway stopped\n');
  return ExitCode.ok;
}

/** The simulator's own message is already one clear line; add the CLI's way out of a busy port. */
function listenFailure(error: unknown, port: number): string {
  const text = error instanceof Error ? error.message : String(error);
  return /in use/i.test(text) && port !== 0 ? `${text.replace(/\.$/, '')} (hubmon demo --port N; 0 = any free port)` : text;
}
