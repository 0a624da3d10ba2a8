// What our package.json contributes, read the way the UI shows it (palette titles).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './workbench';

export interface PaletteCommand {
  command: string;
  /** The palette label: "Category: Title" (or the bare title without a category). */
  label: string;
}

interface Manifest {
  name: string;
  version: string;
  contributes?: { commands?: { command: string; title: string; category?: string }[] };
}

export function manifest(): Manifest {
  return JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;
}

/** Our contributed commands, hubmon.showTimeline first when present (it needs no connection). */
export function paletteCommands(): PaletteCommand[] {
  const commands = (manifest().contributes?.commands ?? []).map((c) => ({
    command: c.command,
    label: c.category ? `${c.category}: ${c.title}` : c.title,
  }));
  return commands.sort((a, b) => Number(b.command === 'hubmon.showTimeline') - Number(a.command === 'hubmon.showTimeline'));
}

/** The command UI tests run to prove the extension is alive; a clear failure if there is none. */
export function probeCommand(): PaletteCommand {
  const [first] = paletteCommands();
  if (!first) throw new Error('package.json contributes no commands: there is nothing of ours to find in the command palette');
  return first;
}
