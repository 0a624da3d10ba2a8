// Types for platform.mjs (the unit tests import it).
import type { ChildProcess, SpawnOptions, SpawnSyncOptions, SpawnSyncReturns } from 'node:child_process';
export type Platform = NodeJS.Platform;
export function commandLine(cmd: string, args: readonly string[], platform?: Platform): { command: string; args: readonly string[]; shell: boolean };
export function spawnPortable(cmd: string, args: readonly string[], options?: SpawnOptions, platform?: Platform): ChildProcess;
export function spawnPortableSync(cmd: string, args: readonly string[], options?: SpawnSyncOptions, platform?: Platform): SpawnSyncReturns<string | Buffer>;
export function whichCommand(name: string, platform?: Platform): { command: string; args: string[] };
export function hasCommand(name: string, platform?: Platform): boolean;
export function chromiumPath(platform?: Platform, env?: Record<string, string | undefined>): string;
export function imageMagickCommand(platform?: Platform): string;
export function installsSystemPackages(platform?: Platform): boolean;
export function demoInstallHint(platform?: Platform): string;
export function imageMagickInstallHint(platform?: Platform): string;
export function killTree(pid: number, platform?: Platform): void;
export function codeServerSupported(platform?: Platform): boolean;
