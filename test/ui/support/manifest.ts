// What our package.json contributes, read the way the UI shows it (palette titles).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localized } from '../../../scripts/docs/readmeTables.mjs';
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

/** package.nls.json: the text behind the manifest's %key% strings. */
function nls(): Record<string, string> {
  const path = join(repoRoot, 'package.nls.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : {};
}

/** Our contributed commands, hubmon.showTimeline first when present (it needs no connection). */
export function paletteCommands(): PaletteCommand[] {
  const text = nls();
  const commands = (manifest().contributes?.commands ?? []).map((c) => {
    const title = localized(c.title, text);
    return { command: c.command, label: c.category ? `${localized(c.category, text)}: ${title}` : title };
  });
  return commands.sort((a, b) => Number(b.command === 'hubmon.showTimeline') - Number(a.command === 'hubmon.showTimeline'));
}

/** The command UI tests run to prove the extension is alive; a clear failure if there is none. */
export function probeCommand(): PaletteCommand {
  const [first] = paletteCommands();
  if (!first) throw new Error('package.json contributes no commands: there is nothing of ours to find in the command palette');
  return first;
}
