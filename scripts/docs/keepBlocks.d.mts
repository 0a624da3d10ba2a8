// Types for keepBlocks.mjs (the unit tests import it).
export function keepBlocks(text: string): Map<string, string>;
export function mergeKeepBlocks(generated: string, committed: string): string;
