/**
 * `hubmon diagnose`: the connection doctor from the command line (the same engine as the
 * extension's "Diagnose Connection"): each step on its own, a Markdown report on stdout, progress
 * on stderr, and a non-zero exit naming the first failing step.
 */
import { runDoctor } from '../../core/doctor/doctor';
import { formatReportMarkdown, summaryLine } from '../../core/doctor/report';
import type { DoctorStepResult } from '../../core/doctor/types';
import type { HubKind } from '../../core/hub/types';
import { redact } from '../../core/util/redact';
import { parseChoice, parseContractId, parseOptions, parseSeconds } from '../args';
import { ExitCode, type CliCommand, type CliIo } from '../command';
import { CONNECTION_OPTIONS, resolveConnection } from '../connectionOptions';
import { GatewayClient, TokenSource } from '../engine';
import { explainError } from '../failures';

const HELP = `Usage: hubmon diagnose [options]

Runs every step of a hub connection on its own and says which one fails and why:
DNS, TCP, TLS, the REST token check, negotiate, the WebSocket upgrade with the token as a
header and as the access_token query, the SignalR handshake, the round trip of a no-op
invocation (the test subscription's Unsubscribe twin, sent before subscribing), a test
subscription and the first event (or "market closed").

Gateway and credentials: as for hubmon watch (--profile, --api-url, --user-hub-url,
  --market-hub-url, --token / PROJECTX_TOKEN, --username with PROJECTX_API_KEY,
  --token-transport, --negotiate)
  --contract ID          the contract for the market test subscription (default: the one
                         Contract/search flags active for ES, NQ, CL or GC)
  --hub user|market      check one hub only (default both)
  --timeout SECONDS      per-step time limit (default 5)
  --first-event SECONDS  how long to wait for the first event (default 5)
  --json                 print the report as JSON instead of Markdown
  -h, --help             this help

Exit codes: 0 every step passed, 1 a step failed, 2 bad usage, 3 the credentials were refused.
`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  contract: { type: 'string' },
  hub: { type: 'string' },
  timeout: { type: 'string' },
  'first-event': { type: 'string' },
  json: { type: 'boolean' },
} as const;

const MARK: Record<DoctorStepResult['verdict'], string> = { pass: 'ok  ', warn: 'warn', fail: 'FAIL', skip: 'skip', info: 'info' };

export const diagnoseCommand: CliCommand = {
  name: 'diagnose',
  summary: 'check every step of the connection and name the one that fails',
  synopsis: 'hubmon diagnose [--profile topstepx|demo] [--token JWT | --username NAME] [--contract ID] [--hub user|market] [--json]',
  help: HELP,
  async run(args, io) {
    const v = parseOptions(args, OPTIONS);
    const connection = resolveConnection(v, io.env);
    const hubs: HubKind[] = v.hub === undefined ? ['user', 'market'] : [parseChoice(v.hub, ['user', 'market'] as const, '--hub')];
    const timeoutMs = v.timeout === undefined ? 5000 : parseSeconds(v.timeout, '--timeout') * 1000;
    const firstEventMs = v['first-event'] === undefined ? 5000 : parseSeconds(v['first-event'], '--first-event') * 1000;
    const contractId = v.contract === undefined ? undefined : parseContractId(v.contract);
    return diagnose(io, { ...connection, hubs, timeoutMs, firstEventMs, contractId, json: v.json === true });
  },
};

interface DiagnoseOptions extends ReturnType<typeof resolveConnection> {
  readonly hubs: HubKind[];
  readonly timeoutMs: number;
  readonly firstEventMs: number;
  readonly contractId: string | undefined;
  readonly json: boolean;
}

async function diagnose(io: CliIo, o: DiagnoseOptions): Promise<number> {
  const gateway = new GatewayClient(o.profile.apiUrl);
  const tokens = new TokenSource({ gateway, token: o.token, credentials: o.credentials });
  let token: string | undefined;
  let loginFailure: ReturnType<typeof explainError> | undefined;
  try {
    token = await tokens.getToken();
  } catch (error) {
    // Still run the network steps: they tell a dead host from a wrong key.
    loginFailure = explainError(error, true);
    io.stderr.write(`hubmon: ${redact(loginFailure.message, o.secrets)}\n`);
  } finally {
    tokens.dispose();
  }
  const secrets = [...o.secrets, ...(token ? [token] : [])];
  const report = await runDoctor({
    profile: o.profile,
    token,
    ...(loginFailure ? { loginError: loginFailure.message } : {}),
    gateway,
    hubs: o.hubs,
    timeoutMs: o.timeoutMs,
    firstEventMs: o.firstEventMs,
    ...(o.contractId ? { contractId: o.contractId } : {}),
    onStep: (s) => io.stderr.write(redact(`  ${MARK[s.verdict]} ${s.title}${s.ms > 0 ? ` (${s.ms.toFixed(0)} ms)` : ''}${s.verdict === 'fail' || s.verdict === 'warn' ? `: ${s.cause ?? s.detail}` : ''}\n`, secrets)),
  });
  io.stdout.write(redact(o.json ? JSON.stringify(report, null, 2) + '\n' : formatReportMarkdown(report), secrets));
  const first = report.firstFailure;
  if (!first) return loginFailure ? loginFailure.exitCode : ExitCode.ok;
  io.stderr.write(`hubmon: ${redact(summaryLine(report), secrets)}\n`);
  const auth = first.kind === 'unauthorized' || first.kind === 'forbidden' || first.kind === 'token-unavailable';
  return auth || loginFailure?.exitCode === ExitCode.auth ? ExitCode.auth : ExitCode.failure;
}
