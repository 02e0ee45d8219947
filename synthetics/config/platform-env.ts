/**
 * The platform half of the environment contract: where the target's Supabase project answers
 * (`SUPABASE_URL`, `SUPABASE_ANON_KEY`), which further origins count as the app's API
 * (`SYNTHETICS_API_ORIGINS`) and a known tenant the synthetic user must never see
 * (`SYNTHETICS_FOREIGN_TENANT_ID`). Kept apart from env.ts so each half stays readable.
 */
import * as z from 'zod';
import { isHttpUrl } from './integrations.ts';

/**
 * The bundled reference app's Supabase-compatible origin: the port and anon key of a local
 * Supabase (`supabase start`), which the reference app reuses. Public values, not secrets.
 */
export const BUNDLED_SUPABASE = {
  port: 54321,
  /** The bundled app's second tenant (a driving school the synthetic user must never see). */
  secondTenantId: '5e1f0000-0000-4000-8000-000000000002',
  anonKey:
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.' +
    'CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0',
} as const;

const text = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Schema fields merged into the environment schema (env.ts). */
export const platformEnvFields = {
  SUPABASE_URL: text.pipe(
    z
      .string()
      .refine(isHttpUrl, { message: 'must be a full http(s) URL, e.g. https://abcd1234.supabase.co' })
      .optional(),
  ),
  SUPABASE_ANON_KEY: text.pipe(
    z
      .string()
      .regex(/^\S{20,}$/, { message: "must be the project's anon (public) key (Supabase → Settings → API)" })
      .optional(),
  ),
  SYNTHETICS_API_ORIGINS: text.pipe(
    z
      .string()
      .refine((value) => value.split(',').every((entry) => isHttpUrl(entry.trim())), {
        message: 'must be a comma-separated list of http(s) origins, e.g. https://api.viamentor.ch',
      })
      .optional(),
  ),
  SYNTHETICS_FOREIGN_TENANT_ID: text.pipe(
    z.string().regex(UUID, { message: 'must be the UUID of a tenant the synthetic user must never see' }).optional(),
  ),
};

type PlatformEnv = { [K in keyof typeof platformEnvFields]?: z.output<(typeof platformEnvFields)[K]> };

/** Where the target's data lives and which origins are its API. */
export interface PlatformConfig {
  supabaseUrl: string;
  anonKey: string;
  /** The app origin, the Supabase origin and SYNTHETICS_API_ORIGINS: every call to these is the app's API. */
  apiOrigins: string[];
  /** A tenant id the synthetic user must never see (the bundled app's second tenant when unset). */
  foreignTenantId: string | undefined;
}

/** Supabase has no default for a real target: reported with the other problems. */
export function missingPlatform(env: Record<string, string | undefined>): string[] {
  const target = env.BASE_URL?.trim();
  if (!target) return [];
  const needed = { SUPABASE_URL: "the project's URL", SUPABASE_ANON_KEY: "the project's anon (public) key" } as const;
  return Object.entries(needed)
    .filter(([key]) => !env[key]?.trim())
    .map(
      ([key, what]) => `${key}: is required when BASE_URL is set (${target}): set ${what} in .env or the environment`,
    );
}

/** The platform part of the config, from the validated environment. */
export function platformConfig(e: PlatformEnv, appOrigin: string, bundled: boolean): PlatformConfig {
  const appHost = new URL(appOrigin).hostname;
  const supabaseUrl = (e.SUPABASE_URL ?? `http://${appHost}:${BUNDLED_SUPABASE.port}`).replace(/\/+$/, '');
  const extra = (e.SYNTHETICS_API_ORIGINS ?? '').split(',').filter((entry) => entry.trim());
  const origins = [appOrigin, supabaseUrl, ...extra].map((url) => new URL(url.trim()).origin);
  return {
    supabaseUrl,
    anonKey: e.SUPABASE_ANON_KEY ?? BUNDLED_SUPABASE.anonKey,
    apiOrigins: [...new Set(origins)],
    foreignTenantId: e.SYNTHETICS_FOREIGN_TENANT_ID ?? (bundled ? BUNDLED_SUPABASE.secondTenantId : undefined),
  };
}
