/** The chart tab's title a trader reads ("ES Z26 · 1 min"), from the contract id and the quotes' symbol name. */
import { TIMEFRAME_LABELS, type ChartMode, type Timeframe } from '../../shared/chartProtocol';

const MONTH = /^[FGHJKMNQUVXZ]\d{1,2}$/;

/** "CON.F.US.EP.Z26" + "/ES" → "ES Z26"; the id's product code when no name arrived yet ("EP Z26"). */
export function contractShortName(contractId: string, symbolName?: string): string {
  const parts = contractId.split('.');
  const month = parts.length >= 2 && MONTH.test(parts[parts.length - 1]) ? parts[parts.length - 1] : undefined;
  if (!month) return contractId;
  const root = symbolName?.replace(/^\//, '').trim().split(/\s+/)[0] || parts[parts.length - 2];
  return `${root} ${month}`;
}

export function chartTitle(contractId: string | undefined, symbolName: string | undefined, mode: ChartMode, timeframe: Timeframe): string {
  if (!contractId) return 'Quote Chart';
  return `${contractShortName(contractId, symbolName)} · ${mode === 'candles' ? TIMEFRAME_LABELS[timeframe] : 'Bid/Ask'}`;
}
