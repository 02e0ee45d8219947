/**
 * Starts the reference app as a child process for a test (port 0, switchboard on by default) and
 * talks to it over real HTTP. The same process a user gets with `npm run target`, not an import.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** The repository root: the reference app runs with it as working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The entry point `npm run target` runs. */
export const SERVER_ENTRY = 'reference-app/server.ts';

const LISTENING = /^Viamentor reference app listening on (\S+)$/m;
const PRINTED = (name: string) => new RegExp(`^${name}=(.+)$`, 'm');
/**
 * Generous: PGlite's start takes ~1–3 s on an idle machine, several times that on a loaded 2-core one, and
 * the first start after a migration change also builds the database snapshot (tens of seconds, once).
 */
const START_TIMEOUT_MS = 90_000;

/** A running reference app. */
export interface ReferenceApp {
  url: string;
  /** The Supabase-compatible origin (Auth + PostgREST) of the same process. */
  supabaseUrl: string;
  /** Its anon key, as printed on the SUPABASE_ANON_KEY= line. */
  anonKey: string;
  email: string;
  password: string;
  stop(): Promise<void>;
  setFault(name: string, enabled: boolean): Promise<void>;
  /** Runs `action` with the fault on, then turns it off again (also when the action fails). */
  withFault<T>(name: string, action: () => Promise<T>): Promise<T>;
  faults(): Promise<Array<{ name: string; enabled: boolean }>>;
  /** Signs the synthetic user in on the Supabase origin (password grant); resolves to a fresh access token. */
  signIn(): Promise<string>;
  /** A JSON call of the app origin (`/__faults`, `/__beacons`, `/api/health`). */
  api<T = unknown>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }>;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
}

/** How to start an instance; the defaults suit most tests (switchboard on, no fault enabled). */
export interface StartOptions {
  /** Start with the fault switchboard (REFERENCE_APP_FAULTS=1). Default true. */
  faults?: boolean;
  /** Faults enabled from the start (REFERENCE_APP_FAULT). */
  enabledFaults?: string[];
  /** Extra environment variables. */
  env?: Record<string, string>;
}

/** Builds the child's environment: the test's own, minus anything that would change the app's start. */
export function referenceAppEnv(options: StartOptions = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', SUPABASE_PORT: '0' };
  for (const name of Object.keys(env)) if (name.startsWith('REFERENCE_APP_')) delete env[name];
  if (options.faults !== false) env.REFERENCE_APP_FAULTS = '1';
  if (options.enabledFaults?.length) env.REFERENCE_APP_FAULT = options.enabledFaults.join(',');
  return { ...env, ...options.env };
}

/** Spawns `node reference-app/server.ts [args]`; its output is collected, never lost. */
export function spawnReferenceApp(
  env: NodeJS.ProcessEnv,
  args: readonly string[] = [],
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [SERVER_ENTRY, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** Resolves to the URL of the first "listening on" line; rejects (with the output) on exit or timeout. */
export async function waitForUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(`did not print "listening on" within ${START_TIMEOUT_MS / 1000} s`),
      START_TIMEOUT_MS,
    );
    const check = () => {
      const match = LISTENING.exec(output());
      if (match?.[1] && PRINTED('SYNTHETIC_PASSWORD').test(output())) done(() => resolve(match[1] ?? ''));
    };
    const onExit = (code: number | null) => fail(`exited with code ${code} before listening`);
    const done = (then: () => void) => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', onExit);
      then();
    };
    const fail = (why: string) =>
      done(() => {
        child.kill('SIGKILL');
        reject(new Error(`reference app ${why}; output:\n${output()}`));
      });
    child.stdout?.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

async function callApi<T>(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('application/json') && text !== '';
  return { status: response.status, body: (isJson ? JSON.parse(text) : text === '' ? null : text) as T };
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Starts a reference app and resolves once it listens (10 s at most; the error includes its output). */
export async function startReferenceApp(options: StartOptions = {}): Promise<ReferenceApp> {
  const env = referenceAppEnv(options);
  const { child, output } = spawnReferenceApp(env);
  const url = await waitForUrl(child, output);
  const email = env.REFERENCE_APP_EMAIL ?? 'synthetic@viamentor.test';
  const password = env.REFERENCE_APP_PASSWORD ?? 'viamentor-synthetic';
  const api = <T>(method: string, path: string, body?: unknown, token?: string) =>
    callApi<T>(url, method, path, body, token);
  const printed = (name: string) => PRINTED(name).exec(output())?.[1] ?? '';
  const supabaseUrl = printed('SUPABASE_URL');
  const anonKey = printed('SUPABASE_ANON_KEY');
  const signIn = async () => {
    const response = await callApi<{ access_token?: string }>(
      supabaseUrl,
      'POST',
      '/auth/v1/token?grant_type=password',
      { email, password },
      undefined,
      { apikey: anonKey },
    );
    if (response.status !== 200 || !response.body.access_token)
      throw new Error(`sign-in answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body.access_token;
  };
  const setFault = async (name: string, enabled: boolean) => {
    const response = await api('POST', '/__faults', { fault: name, enabled });
    if (response.status !== 200)
      throw new Error(`setting fault ${name} answered ${response.status}: ${JSON.stringify(response.body)}`);
  };
  return {
    url,
    supabaseUrl,
    anonKey,
    email,
    password,
    output,
    stop: () => stopProcess(child),
    api,
    signIn,
    faults: async () =>
      (await api<{ faults: Array<{ name: string; enabled: boolean }> }>('GET', '/__faults')).body.faults,
    setFault,
    withFault: async (name, action) => {
      await setFault(name, true);
      try {
        return await action();
      } finally {
        await setFault(name, false);
      }
    },
  };
}

/**
 * For test files whose scenarios run side by side, each against a reference app of its own (a fault is
 * app-wide): `start()` starts one and keeps it, `stopAll()` (in an `after` hook) stops every one started.
 */
export function appsOfTheirOwn(): { start(options?: StartOptions): Promise<ReferenceApp>; stopAll(): Promise<void> } {
  const apps: ReferenceApp[] = [];
  return {
    async start(options) {
      const app = await startReferenceApp(options);
      apps.push(app);
      return app;
    },
    async stopAll() {
      await Promise.all(apps.map((app) => app.stop()));
    },
  };
}
