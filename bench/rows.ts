/** Turns the measurements into the table rows: every figure of the issue beside its target. */
import type { Measured } from './measured';
import type { SaturationSample } from './phases';
import type { ReceiverName } from './receivers/types';
import type { Row } from './report';
import { median } from './stats';

type PerReceiver = Partial<Record<ReceiverName, number>>;

function per(pick: (name: ReceiverName) => number | undefined): PerReceiver {
  const out: PerReceiver = {};
  for (const name of ['ours', 'bare', 'raw'] as const) {
    const v = pick(name);
    if (v !== undefined && !Number.isNaN(v)) out[name] = v;
  }
  return out;
}

function medianOf(samples: readonly SaturationSample[] | undefined, pick: (s: SaturationSample) => number): number | undefined {
  return samples && samples.length > 0 ? median(samples.map(pick)) : undefined;
}

function atMost(value: number | undefined, limit: number): boolean | undefined {
  return value === undefined ? undefined : value <= limit;
}

function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

export function buildRows(m: Measured): Row[] {
  const rows: Row[] = [];
  const sat = m.saturation;
  const eps = per((n) => medianOf(sat[n], (s) => s.eventsPerSecond));
  const cpu = per((n) => medianOf(sat[n], (s) => s.cpuUsPerEvent));
  const lost = per((n) => (sat[n] ? sat[n].reduce((sum, s) => sum + (s.sent - s.received), 0) : undefined));
  const serverCpu = per((n) => medianOf(sat[n], (s) => s.serverCpuUsPerEvent));
  if (eps.ours !== undefined || eps.bare !== undefined || eps.raw !== undefined) {
    const sustained = eps.ours === undefined ? undefined : eps.ours >= 100_000 && lost.ours === 0;
    rows.push({ figure: 'events/s at saturation (median)', unit: 'events/s', ...eps, target: '>= 100,000, no loss', met: sustained });
    rows.push({ figure: 'events lost (all windows)', unit: 'events', ...lost, target: '0', met: lost.ours === undefined ? undefined : lost.ours === 0 });
    rows.push({ figure: 'CPU per event (receiver process)', unit: 'µs', ...cpu, target: '-', met: undefined });
    const vsBare = ratio(cpu.ours, cpu.bare);
    rows.push({ figure: 'ours CPU/event ÷ bare', unit: '×', ours: vsBare, target: '<= 1.15', met: atMost(vsBare, 1.15) });
    rows.push({ figure: 'ours CPU/event ÷ raw ws', unit: '×', ours: ratio(cpu.ours, cpu.raw), target: '-', met: undefined });
    rows.push({ figure: 'ours events/s ÷ bare', unit: '×', ours: ratio(eps.ours, eps.bare), target: '-', met: undefined });
    rows.push({ figure: 'ours events/s ÷ raw ws', unit: '×', ours: ratio(eps.ours, eps.raw), target: '-', met: undefined });
    rows.push({ figure: 'flood server CPU per frame sent', unit: 'µs', ...serverCpu, target: '-', met: undefined, note: 'the server process, not the receiver: above ~8 µs the server, not the receiver, bounds events/s' });
  }
  const lat = m.latency;
  if (Object.keys(lat).length > 0) {
    rows.push({ figure: 'p50 send → dispatch @ 5,000/s', unit: 'ms', ...per((n) => lat[n]?.p50Ms), target: '-', met: undefined });
    rows.push({ figure: 'p99 send → dispatch @ 5,000/s', unit: 'ms', ...per((n) => lat[n]?.p99Ms), target: '<= 2', met: atMost(lat.ours?.p99Ms, 2) });
  }
  const heap = m.heap;
  if (Object.keys(heap).length > 0) {
    const events = heap.ours?.events ?? heap.bare?.events ?? heap.raw?.events ?? 0;
    rows.push({
      figure: `heap growth over ${events.toLocaleString('en-US')} events`,
      unit: 'MB',
      ...per((n) => heap[n]?.growthMb),
      target: '<= 10',
      met: atMost(heap.ours?.growthMb, 10),
      note: `across ${m.contracts.length} contracts, full GCs before and after`,
    });
  }
  const rec = per((n) => (m.reconnectMs[n] ? median(m.reconnectMs[n]) : undefined));
  if (Object.keys(rec).length > 0) {
    rows.push({
      figure: 'drop → reconnected + re-acked (median)',
      unit: 'ms',
      ...rec,
      target: '<= 300',
      met: atMost(rec.ours, 300),
      note: 'each drop after the connection was up > 5 s (STABLE_CONNECTION_MS: a shorter-lived connection is backed off on purpose)',
    });
  }
  const con = per((n) => (m.connectMs[n] ? median(m.connectMs[n]) : undefined));
  if (Object.keys(con).length > 0) {
    rows.push({ figure: 'first connect, both hubs, subs acked (median)', unit: 'ms', ...con, target: '<= 150', met: atMost(con.ours, 150) });
  }
  if (m.batchesPerSecond.length > 0) {
    const busiest = Math.max(...m.batchesPerSecond);
    rows.push({ figure: 'webview batches/s per panel under the flood (max)', unit: '/s', ours: busiest, target: '<= 30', met: atMost(busiest, 30) });
  }
  if (m.metrics) {
    const x = m.metrics;
    rows.push({
      figure: 'metrics on vs off @ 100,000 events/s, scraped 1/s',
      unit: '% CPU',
      ours: x.extraCpuPercent,
      target: '< 5',
      met: x.extraCpuPercent < 5 && x.lost === 0,
      note: `extra receiver-process CPU in % of one core (median of on windows − median of off); one scrape ${x.scrapeMs.toFixed(2)} ms CPU, ${Math.round(x.scrapeBytes / 1024)} KB; lost ${x.lost}`,
    });
  }
  if (m.activation) {
    const a = m.activation;
    rows.push({ figure: 'activation (bundle load + activate)', unit: 'ms', ours: a.ms, target: '<= 50', met: atMost(a.ms, 50), note: a.note });
  }
  if (m.package) {
    const p = m.package;
    rows.push({ figure: 'VSIX size', unit: 'KB', ours: p.kb, target: '<= 600', met: atMost(p.kb, 600), note: p.note });
  }
  if (m.account && m.account.withModel.length > 0) {
    const a = m.account;
    const without = median(a.withoutModel);
    const withModel = median(a.withModel);
    const more = ratio(withModel, without);
    rows.push({ figure: `CPU per quote, account model with ${a.positions} positions`, unit: 'µs', ours: withModel, target: '-', met: undefined, note: `without the model ${without.toFixed(2)} µs` });
    rows.push({ figure: 'account model CPU/quote ÷ without', unit: '×', ours: more, target: '<= 1.05', met: atMost(more, 1.05) });
    rows.push({ figure: 'account snapshots published per second (max)', unit: '/s', ours: Math.max(...a.publishesPerSecond), target: '<= 4', met: atMost(Math.max(...a.publishesPerSecond), 4) });
  }
  return rows;
}
