/**
 * The reference app as one value: the app origin (a Vercel app's: the single-page app's files and HTML
 * shell, the `/api/health` function, the telemetry stand-ins and, in test mode, the `/__faults` and
 * `/__beacons` switchboard routes) and the Supabase origin, where every piece of data lives (Postgres).
 * A failing request answers 500 JSON and never takes the process down.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answerBeacon, BeaconLog, beaconRoutes, isBeaconPath } from './beacons.ts';
import type { AppConfig } from './config.ts';
import { faultRoutes } from './fault-routes.ts';
import { BROWSER_FAULTS, FAULT_DELAYS_MS, FaultSwitchboard } from './faults.ts';
import { healthClient, healthRoutes, type HealthTarget } from './health.ts';
import { delay, errorBody, HttpError, replyForError, sendReply, type Reply } from './http.ts';
import { createContext, resolveRoute, type Route } from './router.ts';
import {
  BLANK_SHELL,
  HERO_PRELOAD,
  loadStaticSite,
  renderShell,
  sendAsset,
  sendHtml,
  SUPABASE_PRELOAD,
  type PublicSupabaseConfig,
  type StaticSite,
} from './static.ts';
import { closeServer, createSupabaseProject, listenOn } from './supabase/project.ts';

const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));
/** The app origin's JSON routes: its serverless functions (`/api/*`) and the test-mode switchboard (`/__*`). */
const API_PATH = /^\/(?:api|__[^/]*)(?:\/|$)/;
const HERO_IMAGE = /^\/assets\/hero\.\w+$/;

/** Where a started reference app answers. */
export interface ReferenceAppUrls {
  baseUrl: string;
  supabaseUrl: string;
}

/** A created (not yet listening) reference app: the app origin and the Supabase origin. */
export interface ReferenceAppServer {
  server: Server;
  faults: FaultSwitchboard;
  /** The public anon key of the Supabase origin (a JWT with role anon). */
  anonKey: string;
  /** Starts listening on both origins. */
  listen(port: number, supabasePort: number, host: string): Promise<ReferenceAppUrls>;
  /** Stops accepting, lets in-flight requests finish (2 s at most), closes the database. */
  close(): Promise<void>;
}

interface Handling {
  faults: FaultSwitchboard;
  routes: Route[];
  site: StaticSite;
  beacons: BeaconLog;
  /** Set once the Supabase origin listens: what the HTML shell tells the SPA. */
  supabase?: PublicSupabaseConfig;
}

/** What the route table is built from: the switchboard, where `/api/health` finds Supabase, the beacon log. */
interface RouteSources {
  faults: FaultSwitchboard;
  health: HealthTarget;
  beacons: BeaconLog;
}

function parseUrl(req: IncomingMessage): URL {
  try {
    return new URL(`http://reference-app${req.url ?? '/'}`);
  } catch {
    throw new HttpError(400, 'bad_request', 'Adresse de requête invalide.');
  }
}

async function answerApi(app: Handling, req: IncomingMessage, url: URL): Promise<Reply> {
  if (url.pathname.startsWith('/api/') && app.faults.isOn('api-slow')) await delay(FAULT_DELAYS_MS['api-slow']);
  const handler = resolveRoute(app.routes, req.method ?? 'GET', url.pathname);
  return handler(createContext(req, url));
}

async function serveSite(app: Handling, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new HttpError(405, 'method_not_allowed', `Méthode ${req.method} non autorisée pour ${url.pathname}.`, {
      headers: { allow: 'GET, HEAD' },
    });
  }
  const asset = app.site.assets.get(url.pathname);
  if (asset) {
    if (HERO_IMAGE.test(url.pathname) && app.faults.isOn('slow-lcp')) await delay(FAULT_DELAYS_MS['slow-lcp']);
    sendAsset(req, res, asset);
    return;
  }
  if (extname(url.pathname)) throw new HttpError(404, 'not_found', `Fichier introuvable : ${url.pathname}.`);
  if (app.faults.isOn('slow-ttfb')) await delay(FAULT_DELAYS_MS['slow-ttfb']);
  const blank = url.pathname === '/' && app.faults.isOn('home-blank');
  sendHtml(
    res,
    blank
      ? BLANK_SHELL
      : renderShell(
          app.site.shell,
          BROWSER_FAULTS.filter((name) => app.faults.isOn(name)),
          url.pathname === '/' ? HERO_PRELOAD : SUPABASE_PRELOAD,
          app.supabase,
        ),
  );
}

async function handleRequest(app: Handling, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const url = parseUrl(req);
    if (API_PATH.test(url.pathname)) sendReply(res, await answerApi(app, req, url));
    else if (isBeaconPath(url.pathname)) await answerBeacon(app.beacons, req, res, url.pathname);
    else await serveSite(app, req, res, url);
  } catch (error) {
    if (error instanceof HttpError) {
      sendReply(res, replyForError(error));
      return;
    }
    console.error(`reference app: ${req.method} ${req.url} failed:`, error);
    sendReply(res, { status: 500, body: errorBody('internal_error', 'Erreur interne du serveur.') });
  }
}

function buildRoutes(sources: RouteSources): Route[] {
  return [
    ...healthRoutes(sources.health, sources.faults),
    ...(sources.faults.testMode ? [...faultRoutes(sources.faults), ...beaconRoutes(sources.beacons)] : []),
  ];
}

/** Creates the Supabase project (database migrated and seeded) and the app origin's server. */
export async function createReferenceApp(config: AppConfig): Promise<ReferenceAppServer> {
  const faults = new FaultSwitchboard(config.faultsEnabled, config.initialFaults);
  // Postgres loads (WASM, the slow part of the start) while the site's files are read and compressed.
  const supabaseStarting = createSupabaseProject({
    jwtSecret: config.jwtSecret,
    tokenTtlSeconds: config.tokenTtlSeconds,
    syntheticUser: config.syntheticUser,
    faults,
  });
  supabaseStarting.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
  const site = loadStaticSite(PUBLIC_DIR);
  const supabase = await supabaseStarting;
  const health: HealthTarget = {};
  const beacons = new BeaconLog();
  const routes = buildRoutes({ faults, health, beacons });
  const app: Handling = { faults, routes, beacons, site };
  const server = createServer((req, res) => {
    handleRequest(app, req, res).catch((error: unknown) => {
      console.error(`reference app: could not answer ${req.method} ${req.url}:`, error);
      res.destroy();
    });
  });
  return {
    server,
    faults,
    anonKey: supabase.keys.anonKey,
    listen: async (port, supabasePort, host) => {
      const supabaseUrl = await supabase.listen(supabasePort, host);
      health.client = healthClient(supabaseUrl, supabase.keys.anonKey);
      app.supabase = { url: supabaseUrl, anonKey: supabase.keys.anonKey };
      return { baseUrl: await listenOn(server, port, host), supabaseUrl };
    },
    close: async () => {
      await Promise.all([closeServer(server), supabase.close()]);
    },
  };
}
