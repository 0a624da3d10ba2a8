import type { SimPosition } from './world';

/** `2024-07-21T13:47:00.1234567+00:00`: the 7-digit, offset form seen from the real gateway. */
export function sevenDigitTimestamp(ms: number, extraDigits: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, -1)}${String(extraDigits % 10000).padStart(4, '0')}+00:00`;
}

/**
 * With `variants` on, every other event uses an observed shape instead of the documented one, in a
 * fixed rotation so runs stay reproducible: `{action,data}` wrappers, arrays of user items, 7-digit
 * offset timestamps and, now and then, a partial position (contractDisplayName, no contractId).
 */
export class Variants {
  private stamps = 0;
  private userEvents = 0;
  private positions = 0;

  constructor(readonly enabled: boolean) {}

  timestamp(ms: number): string {
    if (!this.enabled || this.stamps++ % 2 === 0) return new Date(ms).toISOString();
    return sevenDigitTimestamp(ms, this.stamps * 37);
  }

  /** The user-hub `data` argument: plain, wrapped, in an array, or a wrapped array. `removed`: action 0. */
  userPayload(data: object, removed = false): unknown {
    if (!this.enabled) return data;
    const wrapped = { action: removed ? 0 : 1, data };
    switch (this.userEvents++ % 4) {
      case 0:
        return data;
      case 1:
        return wrapped;
      case 2:
        return [data];
      default:
        return [wrapped];
    }
  }

  /** Every third position event under variants omits contractId and names the contract instead. */
  position(p: SimPosition, displayName: string): object {
    if (!this.enabled || this.positions++ % 3 !== 2) return p;
    const { contractId: _omitted, ...rest } = p;
    return { ...rest, contractDisplayName: displayName };
  }
}
