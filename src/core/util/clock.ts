/** Time source, injectable so tests can move the clock (market calendar, token expiry, staleness). */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
