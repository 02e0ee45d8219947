/**
 * `npm run doctor`: a read-only conformance probe of the target (the bundled app by default,
 * BASE_URL otherwise) against the target profile — app origin, /api/health, Supabase with the anon
 * key, the synthetic user's sign-in, tables and RPCs under RLS, every page label. Writes nothing.
 * Prints one row per item (item, expected, found, ok/MISSING). Options: `--skip-pages` (no browser).
 * Exit 0 everything matches, 1 something is missing, 2 configuration or usage error.
 */
import { parseArgs } from 'node:util';
import { EXIT, findBrowserOrExit, loadConfigOrExit } from '../config/load.ts';
import { startBundledTarget } from '../checks/doctor/bundled-target.ts';
import { doctorVerdict, formatDoctorTable } from '../checks/doctor/doctor-report.ts';
import { probeApp } from '../checks/doctor/probe-platform.ts';
import { probeSupabase } from '../checks/doctor/probe-supabase.ts';
import { probePages } from '../checks/doctor/probe-pages.ts';
import { redactText } from '../model/redact.ts';
import { DATA, PAGES, ROUTES } from '../target/viamentor.ts';

let skipPages = false;
try {
  skipPages = parseArgs({ options: { 'skip-pages': { type: 'boolean' } } }).values['skip-pages'] ?? false;
} catch (error) {
  console.error(`Usage error: ${(error as Error).message} (the doctor takes only --skip-pages)`);
  process.exit(EXIT.usage);
}

const config = loadConfigOrExit();
const browser = skipPages ? undefined : findBrowserOrExit(config);
const bundled = config.target.bundled ? await startBundledTarget(config.target.baseUrl) : undefined;
const common = {
  baseUrl: config.target.baseUrl,
  credentials: config.credentials,
  appHeaders: config.extraHeaders,
};
try {
  const which = bundled ? ' — the bundled reference app' : '';
  console.log(`doctor: ${config.target.baseUrl} (Supabase ${config.platform.supabaseUrl})${which}`);
  const options = {
    ...common,
    healthPath: ROUTES.health,
    target: { supabaseUrl: config.platform.supabaseUrl, anonKey: config.platform.anonKey },
    bypassSecret: config.bypassSecret,
    data: DATA,
  };
  const items = [...(await probeApp(options)), ...(await probeSupabase(options))];
  if (browser) items.push(...(await probePages({ ...common, browser, pages: PAGES })));
  console.log(redactText(formatDoctorTable(items), config.secrets));
  console.log(redactText(doctorVerdict(items), config.secrets));
  process.exitCode = items.every((item) => item.ok) ? EXIT.healthy : EXIT.checkFailed;
} finally {
  await bundled?.stop();
}
