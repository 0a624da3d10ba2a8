// Types for nlsify.mjs (the unit tests import it).
export function nlsify(manifest: unknown, existingNls?: Record<string, string>): { manifest: Record<string, unknown>; nls: Record<string, string>; moved: number };
export function nlsKeys(value: unknown, found?: string[]): string[];
