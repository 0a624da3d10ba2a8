// The manifest and the code name the same commands and context keys: src/extension/commandIds.ts is
// the one list; package.json's commands, menus and when clauses must match it, and no extension
// source spells a command id out by hand.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Command, ContextKey } from '../../src/extension/commandIds';

interface MenuEntry {
  command?: string;
  when?: string;
}
interface Manifest {
  contributes: {
    commands: { command: string }[];
    menus: Record<string, MenuEntry[]>;
    views: Record<string, { id: string }[]>;
    viewsWelcome?: { when?: string }[];
  };
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
const commandIds = new Set<string>(Object.values(Command));
const viewIds = Object.values(manifest.contributes.views).flat().map((v) => v.id);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('command ids and context keys (commandIds.ts vs package.json)', () => {
  it('contributes exactly the commands commandIds.ts lists', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, [...commandIds].sort());
  });

  it('menus refer only to listed commands', () => {
    const unknown = Object.entries(manifest.contributes.menus).flatMap(([menu, entries]) =>
      entries.filter((e) => e.command !== undefined && !commandIds.has(e.command)).map((e) => `${menu}: ${e.command}`),
    );
    assert.deepEqual(unknown, []);
  });

  it('when clauses use only the context keys ContextKeys sets (or our view ids)', () => {
    const known = new Set<string>([...Object.values(ContextKey), ...viewIds]);
    const clauses = [...Object.values(manifest.contributes.menus).flat(), ...(manifest.contributes.viewsWelcome ?? [])].map((e) => e.when ?? '');
    const used = clauses.flatMap((w) => w.match(/\bhubmon\.[\w.]+/g) ?? []);
    assert.ok(used.length > 10, `only ${used.length} keys found: is the pattern right?`);
    assert.deepEqual([...new Set(used.filter((k) => !known.has(k)))], []);
  });

  it('hides from the palette what cannot work in the current state', () => {
    const palette = new Map((manifest.contributes.menus.commandPalette ?? []).map((e) => [e.command, e.when]));
    assert.equal(palette.get(Command.disconnect), ContextKey.connectionActive);
    assert.equal(palette.get(Command.signOut), ContextKey.signedIn);
    assert.equal(palette.get(Command.stopDemo), ContextKey.demoRunning);
    assert.equal(palette.get(Command.unsubscribe), ContextKey.hasSubscriptions);
    assert.equal(palette.get(Command.copyId), 'false', 'Copy Id needs a tree row');
  });

  it('no extension source spells a command id out instead of using Command', () => {
    const offenders = sourceFiles('src/extension')
      .filter((f) => !f.endsWith('commandIds.ts'))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/['"](hubmon\.\w+)['"]/g)].filter((m) => commandIds.has(m[1])).map((m) => `${f}: ${m[1]}`));
    assert.deepEqual(offenders, []);
  });
});
