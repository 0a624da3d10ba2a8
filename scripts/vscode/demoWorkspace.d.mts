// Types for demoWorkspace.mjs, so the UI test can use the same demo workspace as `npm run demo`.
export const DEMO_SETTINGS: Readonly<Record<string, unknown>>;
export const DEMO_USER_SETTINGS: Readonly<Record<string, unknown>>;
export function demoWorkspaceFiles(): Record<string, string>;
