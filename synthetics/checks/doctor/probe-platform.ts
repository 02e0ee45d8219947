/**
 * The doctor's probes of the platform, all reads: the app origin and its `/api/health`, the
 * Supabase origin with the anon key, the synthetic user's sign-in (then a local sign-out), the
 * tables and RPCs of the target profile under RLS. Every failure becomes a row, never a throw.
 */
import type { SupabaseTarget } from '../api/supabase-session.ts';
import type { DataModel } from '../../target/profile.ts';
import { doctorItem, type DoctorItem } from './doctor-report.ts';

export interface PlatformProbeOptions {
  baseUrl: string;
  healthPath: string;
  target: SupabaseTarget;
  credentials: { email: string; password: string };
  /** Headers for the app origin only (the Vercel bypass); never sent to Supabase. */
  appHeaders: Record<string, string>;
  bypassSecret: string | undefined;
  data: DataModel;
}

async function get(url: string, headers: Record<string, string>): Promise<{ status: number; text: string } | string> {
  try {
    const response = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(15_000) });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    return `no answer (${(error as Error).cause ?? (error as Error).message})`;
  }
}

/** The app origin, the bypass secret (if set) and `/api/health`'s documented shape. */
export async function probeApp(options: PlatformProbeOptions): Promise<DoctorItem[]> {
  const home = await get(`${options.baseUrl}/`, options.appHeaders);
  const homeOk = typeof home !== 'string' && home.status === 200;
  const homeFound = typeof home === 'string' ? home : `${home.status}`;
  const items = [doctorItem('app origin', `GET ${options.baseUrl}/ answers 200`, homeFound, homeOk)];
  if (options.bypassSecret) {
    const bare = await get(`${options.baseUrl}/`, {});
    const found = typeof bare === 'string' ? bare : `${bare.status} without it, ${homeFound} with it`;
    items.push(doctorItem('bypass secret', 'accepted (200 with x-vercel-protection-bypass)', found, homeOk));
  }
  const health = await get(`${options.baseUrl}${options.healthPath}`, options.appHeaders);
  let shape = typeof health === 'string' ? health : `${health.status} ${health.text.slice(0, 80)}`;
  let ok = false;
  if (typeof health !== 'string' && health.status === 200) {
    try {
      const body = JSON.parse(health.text) as Record<string, unknown>;
      shape = `200 {${Object.keys(body).join(', ')}} database=${String(body.database)}`;
      ok = body.status === 'healthy' && body.database === 'ok' && typeof body.timestamp === 'string';
    } catch {
      shape = `200, not JSON: ${health.text.slice(0, 60)}`;
    }
  }
  const expected = `${options.healthPath}: 200 {status:"healthy", database:"ok", timestamp}`;
  items.push(doctorItem('health endpoint', expected, shape, ok));
  return items;
}
