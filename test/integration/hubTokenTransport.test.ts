// Where the token travels on the upgrade. A small loopback HTTP server records each upgrade request
// and answers 401 (the simulator accepts either place, so it cannot show which one was used); the
// token source is the real one, refreshing through the simulator's REST API.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HubError } from '../../src/core/errors/hubError';
import { HubConnectionMachine } from '../../src/core/hub/connectionMachine';
import type { TokenTransport } from '../../src/core/hub/types';
import { Timeline } from '../../src/core/timeline/timeline';
import { demoTokens, startSim, timelineText, type SimContext } from './hubHarness.test';

interface Upgrade {
  readonly authorization: string | undefined;
  readonly accessToken: string | null;
}

async function recordingServer(upgrades: Upgrade[]): Promise<{ server: Server; hubUrl: string }> {
  const server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    upgrades.push({ authorization: req.headers.authorization, accessToken: url.searchParams.get('access_token') });
    socket.end('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error="invalid_token"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, hubUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hubs/user` };
}

describe('hub token transport (header / query / both) with the current token per attempt', function () {
  let ctx: SimContext;
  let recorder: { server: Server; hubUrl: string };
  const upgrades: Upgrade[] = [];

  beforeEach(async () => {
    upgrades.length = 0;
    ctx = await startSim();
    recorder = await recordingServer(upgrades);
  });
  afterEach(async () => {
    recorder.server.closeAllConnections();
    await new Promise((resolve) => recorder.server.close(resolve));
    await ctx.sim.stop();
  });

  const expected: Record<TokenTransport, (token: string) => Upgrade> = {
    both: (t) => ({ authorization: `Bearer ${t}`, accessToken: t }),
    header: (t) => ({ authorization: `Bearer ${t}`, accessToken: null }),
    query: (t) => ({ authorization: undefined, accessToken: t }),
  };

  for (const transport of ['both', 'header', 'query'] as const) {
    it(`${transport}: a 401 makes it refresh once and retry with the new token, then it fails as unauthorized`, async () => {
      const first = await ctx.sim.issueToken();
      const tokens = demoTokens(ctx, { token: first });
      const timeline = new Timeline();
      const session = new HubConnectionMachine({ hub: 'user', url: recorder.hubUrl, tokens, tokenTransport: transport, retryDelaysMs: [0], record: timeline.recorder('user') });
      await assert.rejects(session.start(), (e: unknown) => e instanceof HubError && e.kind === 'unauthorized' && /even after a token refresh/.test(e.message));
      const second = await tokens.getToken();
      assert.notEqual(second, first, 'the token source handed out a refreshed token');
      assert.deepEqual(upgrades, [expected[transport](first), expected[transport](second)]);
      const text = timelineText(timeline.recent());
      assert.ok(!text.includes(first) && !text.includes(second), text);
      await session.stop();
      tokens.dispose();
    });
  }
});
