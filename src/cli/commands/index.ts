/** The command table: one file per command; a new command (e.g. `diagnose`) is one import and one entry. */
import type { CliCommand } from '../command';
import { demoCommand } from './demo';
import { diagnoseCommand } from './diagnose';
import { watchCommand } from './watch';

export const COMMANDS: readonly CliCommand[] = [demoCommand, watchCommand, diagnoseCommand];

export function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((command) => command.name === name);
}
