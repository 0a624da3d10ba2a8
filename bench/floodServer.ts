/**
 * The flood server: the gateway simulator in a process of its own (so the receivers get a core of
 * their own), driven by the bench runner over IPC: flood, drop every connection, stop.
 */
import { GatewaySimulator } from '../src/simulator/index';
import { BENCH_SYNTHETIC_CONTRACTS, BENCH_USER, epochNow, isServerCommand, type ServerCommand, type ServerReply } from './protocol';

function send(reply: ServerReply): void {
  process.send?.(reply);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  if (!process.send) {
    console.error('floodServer: run me through the bench runner (node scripts/bench.mjs): I take commands over IPC.');
    process.exit(2);
  }
  // No automatic feed or order activity: the only market frames are the flood's.
  // 13 synthetic contracts beside the world's 7: the heap and saturation figures are over 20.
  const sim = new GatewaySimulator({ marketIntervalMs: 0, userActivityIntervalMs: 0, users: [BENCH_USER], rateLimitPerMinute: 1_000_000, syntheticContracts: BENCH_SYNTHETIC_CONTRACTS });
  const urls = await sim.start();
  const accountId = sim.world.accounts[0]?.id ?? 0;

  const handle = async (cmd: ServerCommand): Promise<ServerReply> => {
    switch (cmd.kind) {
      case 'flood': {
        const cpu = process.cpuUsage();
        const { sent } = await sim.flood({ contracts: cmd.contracts, eventsPerSecond: cmd.eventsPerSecond, durationMs: cmd.durationMs, count: cmd.count, recordsPerMessage: cmd.recordsPerMessage });
        const used = process.cpuUsage(cpu);
        return { id: cmd.id, kind: 'flooded', sent, cpuUs: used.user + used.system };
      }
      case 'drop': {
        const at = epochNow();
        sim.faults.dropAll();
        return { id: cmd.id, kind: 'dropped', at };
      }
      case 'positions':
        for (const [i, contractId] of cmd.contracts.entries()) {
          const touch = sim.world.contracts.find((c) => c.id === contractId);
          sim.setPosition(accountId, contractId, i % 2 === 0 ? 1 : -1, touch?.startPrice ?? 1000);
        }
        return { id: cmd.id, kind: 'positioned' };
      case 'stop':
        await sim.stop();
        return { id: cmd.id, kind: 'stopped' };
    }
  };

  process.on('message', (message: unknown) => {
    if (!isServerCommand(message)) return;
    handle(message).then(
      (reply) => {
        send(reply);
        if (reply.kind === 'stopped') process.disconnect();
      },
      (error: unknown) => send({ id: message.id, kind: 'error', message: errorText(error) }),
    );
  });
  // The runner went away: nothing left to serve.
  process.on('disconnect', () => {
    void sim.stop().finally(() => process.exit(0));
  });
  send({ kind: 'ready', urls, contracts: sim.world.contracts.map((c) => c.id), accountId });
}

main().catch((error: unknown) => {
  console.error(`floodServer: could not start the simulator: ${errorText(error)}`);
  process.exit(1);
});
