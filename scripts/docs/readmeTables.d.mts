// Types for readmeTables.mjs (the unit tests import it).
export type Manifest = Record<string, unknown>;
export const COMMANDS_BEGIN: string;
export const COMMANDS_END: string;
export const SETTINGS_BEGIN: string;
export const SETTINGS_END: string;
export function localized(value: unknown, nls: Record<string, string>): string;
export function commandsTable(manifest: Manifest, nls: Record<string, string>): string;
export function settingsTable(manifest: Manifest, nls: Record<string, string>): string;
export function withTables(readme: string, manifest: Manifest, nls: Record<string, string>): string;
