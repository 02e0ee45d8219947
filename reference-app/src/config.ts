/**
 * Start-up configuration of the reference app, read once from the environment and the command line.
 * Every problem is collected before stopping, so a wrong start explains itself in one line.
 */
import { FAULT_NAMES, isFaultName, type FaultName } from './faults.ts';
import { LOCAL_DEVELOPMENT_JWT_SECRET } from './supabase/keys.ts';

/** Everything the app needs to start; nothing else reads process.env. */
export interface AppConfig {
  port: number;
  /** Port of the Supabase-compatible origin (Auth + PostgREST); 0 = any free port. */
  supabasePort: number;
  host: string;
  /** HS256 secret of the Supabase origin's JWTs (anon key, access tokens); never printed. */
  jwtSecret: string;
  syntheticUser: { email: string; password: string; displayName: string };
  /** True when REFERENCE_APP_PASSWORD supplied the password: it may be a secret, so it is never printed. */
  passwordFromEnv: boolean;
  tokenTtlSeconds: number;
  /** The fault switchboard exists only in test mode. */
  faultsEnabled: boolean;
  initialFaults: FaultName[];
}

/** Thrown when the environment cannot describe a valid start; the message is the whole explanation. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The port of `npm run target` when PORT is unset; the suite's local default BASE_URL uses it. */
export const DEFAULT_PORT = 4310;
/** The Supabase origin's port when SUPABASE_PORT is unset (the Supabase CLI's local API port). */
export const DEFAULT_SUPABASE_PORT = 54321;
/** The synthetic user's e-mail when REFERENCE_APP_EMAIL is unset (documented in the README). */
export const DEFAULT_EMAIL = 'synthetic@viamentor.test';
/** Not a secret: the reference app's default password, printed at start so a developer can sign in. */
export const DEFAULT_PASSWORD = 'viamentor-synthetic';
/** The name the dashboard greets; journeys check the greeting contains it. */
export const DEFAULT_DISPLAY_NAME = 'Moniteur Synthétique';
/** One hour, like Supabase's default access-token lifetime. */
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

type Env = Readonly<Record<string, string | undefined>>;

/** Builds the configuration from `process.env` and `process.argv.slice(2)`; throws ConfigError. */
export function readConfig(env: Env, args: readonly string[]): AppConfig {
  const problems: string[] = [];
  const unknownArgs = args.filter((arg) => arg !== '--faults');
  if (unknownArgs.length > 0) problems.push(`unknown argument ${unknownArgs.join(' ')} (only --faults is accepted)`);

  const port = readInteger(env, 'PORT', DEFAULT_PORT, 0, 65535, problems);
  const supabasePort = readInteger(env, 'SUPABASE_PORT', DEFAULT_SUPABASE_PORT, 0, 65535, problems);
  const jwtSecret = nonEmpty(env.REFERENCE_APP_JWT_SECRET) ?? LOCAL_DEVELOPMENT_JWT_SECRET;
  if (jwtSecret.length < 32)
    problems.push('REFERENCE_APP_JWT_SECRET must be at least 32 characters long (value not shown)');
  const tokenTtlSeconds = readInteger(
    env,
    'REFERENCE_APP_TOKEN_TTL',
    DEFAULT_TOKEN_TTL_SECONDS,
    1,
    31_536_000,
    problems,
  );
  const faultsEnabled = env.REFERENCE_APP_FAULTS === '1' || args.includes('--faults');
  const initialFaults = readInitialFaults(env.REFERENCE_APP_FAULT, faultsEnabled, problems);
  const host = nonEmpty(env.REFERENCE_APP_HOST) ?? '127.0.0.1';
  if (faultsEnabled && !isLoopbackHost(host)) {
    problems.push(
      `REFERENCE_APP_HOST=${host} is not a loopback address: the fault switchboard (test mode) only listens on ` +
        '127.0.0.1, ::1 or localhost',
    );
  }

  if (problems.length > 0) throw new ConfigError(`cannot start the reference app: ${problems.join('; ')}`);
  return {
    port,
    supabasePort,
    host,
    jwtSecret,
    syntheticUser: {
      email: nonEmpty(env.REFERENCE_APP_EMAIL) ?? DEFAULT_EMAIL,
      password: nonEmpty(env.REFERENCE_APP_PASSWORD) ?? DEFAULT_PASSWORD,
      displayName: DEFAULT_DISPLAY_NAME,
    },
    passwordFromEnv: nonEmpty(env.REFERENCE_APP_PASSWORD) !== undefined,
    tokenTtlSeconds,
    faultsEnabled,
    initialFaults,
  };
}

/** Loopback only: a switchboard that anyone on the network could flip would let outsiders break the app. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function readInteger(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    problems.push(`${name}=${raw} is not an integer between ${min} and ${max}`);
    return fallback;
  }
  return value;
}

function readInitialFaults(raw: string | undefined, faultsEnabled: boolean, problems: string[]): FaultName[] {
  const names = (raw ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) return [];
  if (!faultsEnabled) {
    problems.push('REFERENCE_APP_FAULT needs the fault switchboard (set REFERENCE_APP_FAULTS=1 or pass --faults)');
    return [];
  }
  const unknown = names.filter((name) => !isFaultName(name));
  if (unknown.length > 0) {
    problems.push(`REFERENCE_APP_FAULT: unknown fault ${unknown.join(', ')} (valid: ${FAULT_NAMES.join(', ')})`);
  }
  return [...new Set(names.filter(isFaultName))];
}
