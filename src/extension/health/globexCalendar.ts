import type { MarketCalendar } from '../../core/chart/feedStatus';
import { globexSession } from '../../core/market/calendar';

/** The chart's calendar hook over the CME Globex schedule (every gateway contract is a CME future). */
export const globexCalendar: MarketCalendar = {
  isOpen: (at: Date) => globexSession(at.getTime()).open,
};
