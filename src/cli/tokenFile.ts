/**
 * A session token read from a file (`--token-file PATH` or PROJECTX_TOKEN_FILE), for services: a
 * token on the command line shows in `ps`, a file does not. The file must be readable by its owner
 * only (0600 or 0400), like an ssh key; anything looser is refused with the chmod that fixes it.
 */
import { readFileSync, statSync } from 'node:fs';
import { UsageError } from './args';

type Env = Readonly<Record<string, string | undefined>>;

export function readTokenFile(path: string): string {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (error) {
    throw new UsageError(`token file ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the path`);
  }
  if ((mode & 0o077) !== 0) {
    throw new UsageError(`token file ${path} is readable by others (mode ${(mode & 0o777).toString(8)}); run chmod 600 ${path}`);
  }
  const token = readFileSync(path, 'utf8').trim();
  if (token === '') throw new UsageError(`token file ${path} is empty; write the session token into it`);
  return token;
}

/** The environment with PROJECTX_TOKEN filled from the token file, when one is named and no token is set. */
export function withTokenFile(env: Env, option: string | undefined): Env {
  const path = option ?? env.PROJECTX_TOKEN_FILE;
  if (path === undefined || path.trim() === '') return env;
  return { ...env, PROJECTX_TOKEN: readTokenFile(path.trim()) };
}
