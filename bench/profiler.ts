/**
 * CPU profile of one measured window only (not start-up, connect or the report), through the
 * inspector: enabled with `--profile-out <file.cpuprofile>` (scripts/bench.mjs --profile sets it).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

function post(session: Session, method: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    session.post(method, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** Runs `work` under the profiler when `file` is set and writes the profile there. */
export async function profiled<T>(file: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!file) return work();
  const session = new Session();
  session.connect();
  try {
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.start');
    const result = await work();
    const stopped = (await post(session, 'Profiler.stop')) as { profile?: unknown };
    writeFileSync(file, JSON.stringify(stopped.profile));
    return result;
  } finally {
    session.disconnect();
  }
}
