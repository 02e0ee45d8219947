/**
 * Starts the bundled reference app as a child process for a bench, on a free port, the way a user
 * would (`node reference-app/server.ts`), so the bench measures a real HTTP server and not a stub.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { childEnv } from '../../config/load.ts';

/** A running reference app: its base URL, its Supabase-compatible origin and anon key, and how to stop it. */
export interface ReferenceAppProcess {
  url: string;
  supabaseUrl: string;
  anonKey: string;
  stop(): Promise<void>;
  /** Why the app is gone (exit code/signal and its last output), or undefined while it runs. */
  exitReport(): string | undefined;
}

/** Thrown when the app does not announce its URL in time; carries what it printed. */
export class ReferenceAppStartError extends Error {
  override name = 'ReferenceAppStartError';
}

const READY_LINE = /^Viamentor reference app listening on (http:\/\/\S+)/;
/** The lines after it that give the Supabase origin and its anon key (what a user copies into .env). */
const PLATFORM_LINE = /^(SUPABASE_URL|SUPABASE_ANON_KEY)=(\S+)$/;

/**
 * Spawns the app with PORT=0 and waits for its first line, `Viamentor reference app listening on <url>`,
 * then for its `SUPABASE_URL=` and `SUPABASE_ANON_KEY=` lines.
 */
export function startReferenceAppProcess(
  serverScript = 'reference-app/server.ts',
  timeoutMs = 20_000,
): Promise<ReferenceAppProcess> {
  const env = childEnv({ PORT: '0', SUPABASE_PORT: '0' }, ['REFERENCE_APP_FAULTS', 'REFERENCE_APP_FAULT']);
  const child = spawn(process.execPath, [serverScript], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  let stderr = '';
  let exitReport: string | undefined;
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  child.once(
    'exit',
    (code, signal) =>
      (exitReport = `the reference app exited (${code ?? signal}); last output: ${stderr.trim() || 'none'}`),
  );
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop().then(() =>
        reject(new ReferenceAppStartError(`the reference app did not start (${why}): ${stderr.trim() || 'no output'}`)),
      );
    };
    const timer = setTimeout(() => fail(`no "listening on" line within ${timeoutMs} ms`), timeoutMs);
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code) => fail(`exited with code ${code}`));
    const lines = createInterface({ input: child.stdout });
    let url: string | undefined;
    const platform: Record<string, string> = {};
    lines.on('line', (line) => {
      if (settled) return;
      if (url === undefined) {
        const match = READY_LINE.exec(line);
        if (!match?.[1]) return fail(`unexpected first line "${line}"`);
        url = match[1];
        return;
      }
      const field = PLATFORM_LINE.exec(line);
      if (field) platform[field[1]!] = field[2]!;
      if (!platform.SUPABASE_URL || !platform.SUPABASE_ANON_KEY) return;
      settled = true;
      clearTimeout(timer);
      lines.close();
      child.stdout.resume();
      resolve({
        url,
        supabaseUrl: platform.SUPABASE_URL,
        anonKey: platform.SUPABASE_ANON_KEY,
        stop,
        exitReport: () => exitReport,
      });
    });
  });
}
