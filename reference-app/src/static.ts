/**
 * The single-page app's files: read once at start, compressed once, served with content types,
 * ETags and cache headers like a CDN would. Every other page path gets the HTML shell (SPA fallback),
 * into which browser-side faults are injected when, and only when, the switchboard enables them.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** One file of public/, ready to send. */
export interface StaticAsset {
  body: Buffer;
  encoded: { br?: Buffer; gzip?: Buffer };
  contentType: string;
  cacheControl: string;
  etag: string;
}

/** The loaded site: assets by URL path, and the HTML shell template. */
export interface StaticSite {
  assets: ReadonlyMap<string, StaticAsset>;
  shell: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.js', '.css', '.json', '.svg', '.txt', '.html']);

/** The shell `home-blank` serves at `/`: a 200 that renders nothing. */
export const BLANK_SHELL =
  '<!doctype html>\n<html lang="fr">\n<head><meta charset="utf-8"><title>Viamentor</title></head>\n' +
  '<body><div id="root"></div></body>\n</html>\n';

/** Above this size, Brotli's best quality costs most of a second at start: a medium one is 30× faster, 10 % larger. */
const LARGE_FILE_BYTES = 64 * 1024;

/**
 * The compressed forms, kept between starts in the gitignored `reference-app/.cache/static/` under the
 * content's hash and the settings (compressing every file at every start cost about 0.5 CPU-s of a
 * 4 CPU-s start). A cache that cannot be written (a read-only checkout) only means compressing again.
 */
const STATIC_CACHE = fileURLToPath(new URL('../.cache/static/', import.meta.url));

/** The names of the cached forms one load uses, in its cache folder. */
interface CacheUse {
  dir: string;
  used: Set<string>;
}

function compressedOnce(name: string, compress: () => Buffer, cache: CacheUse): Buffer {
  cache.used.add(name);
  const file = join(cache.dir, name);
  try {
    return readFileSync(file);
  } catch {
    const made = compress();
    try {
      mkdirSync(cache.dir, { recursive: true });
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, made);
      renameSync(partial, file);
    } catch {
      // Not cached: the next start compresses it again.
    }
    return made;
  }
}

function encodings(body: Buffer, cache: CacheUse): StaticAsset['encoded'] {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 32);
  const quality = body.length > LARGE_FILE_BYTES ? 5 : constants.BROTLI_MAX_QUALITY;
  return {
    br: compressedOnce(
      `${hash}.q${quality}.br`,
      () => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: quality } }),
      cache,
    ),
    gzip: compressedOnce(`${hash}.9.gz`, () => gzipSync(body, { level: 9 }), cache),
  };
}

/** Drops the cached forms of files the site no longer has, and what an interrupted write left (a minute old). */
function pruneStaticCache({ dir, used }: CacheUse): void {
  try {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      const stale = name.endsWith('.tmp') ? statSync(file).mtimeMs < Date.now() - 60_000 : !used.has(name);
      if (stale) rmSync(file, { force: true });
    }
  } catch {
    // No cache folder: nothing to prune.
  }
}

function toAsset(urlPath: string, body: Buffer, cache: CacheUse): StaticAsset {
  const extension = extname(urlPath);
  const compress = COMPRESSIBLE.has(extension) && body.length > 1024;
  return {
    body,
    encoded: compress ? encodings(body, cache) : {},
    contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
    // Vercel's policy for files without a content hash in their name: cache, but revalidate every time
    // (a cheap 304). It also keeps the slow-lcp fault visible to a browser that already has the image.
    cacheControl: 'public, max-age=0, must-revalidate',
    etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`,
  };
}

/** Where the SPA imports supabase-js from: the installed package's browser bundle, served by the app origin. */
export const SUPABASE_JS_PATH = '/vendor/supabase-js.js';

/**
 * `@supabase/supabase-js`'s UMD bundle (one file, no imports) from node_modules, made an ES module by
 * one appended export, so the SPA imports the installed version and nothing comes from a CDN.
 */
function supabaseJsModule(): Buffer {
  const entry = createRequire(import.meta.url).resolve('@supabase/supabase-js');
  const umd = readFileSync(join(dirname(entry), 'umd', 'supabase.js'), 'utf8');
  return Buffer.from(`${umd}\nexport const createClient = supabase.createClient;\nexport default supabase;\n`);
}

/**
 * Reads public/ into memory (a few hundred KB) and supabase-js's bundle; the shell is `index.html`.
 * `cacheDir` keeps the compressed forms between starts (the app's own by default).
 */
export function loadStaticSite(publicDir: string, cacheDir = STATIC_CACHE): StaticSite {
  const cache: CacheUse = { dir: cacheDir, used: new Set() };
  const assets = new Map<string, StaticAsset>([
    [SUPABASE_JS_PATH, toAsset(SUPABASE_JS_PATH, supabaseJsModule(), cache)],
  ]);
  for (const entry of readdirSync(publicDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    const file = join(entry.parentPath, entry.name);
    const urlPath = `/${relative(publicDir, file).split(sep).join('/')}`;
    if (urlPath !== '/index.html') assets.set(urlPath, toAsset(urlPath, readFileSync(file), cache));
  }
  pruneStaticCache(cache);
  return { assets, shell: readFileSync(join(publicDir, 'index.html'), 'utf8') };
}

/** Signed-in pages need supabase-js at once: their shell starts fetching it with the app's own modules. */
export const SUPABASE_PRELOAD = `<link rel="modulepreload" href="${SUPABASE_JS_PATH}">
`;

/** Where the SPA finds its Supabase project: the public URL and anon key, as a build inlines them. */
export interface PublicSupabaseConfig {
  url: string;
  anonKey: string;
}

/** The landing page's largest paint, preloaded by its shell as a prerendered page would (found late otherwise). */
export const HERO_PRELOAD = '<link rel="preload" as="image" href="/assets/hero.png" fetchpriority="high">\n';

/**
 * The shell, with the enabled browser-side faults announced to the SPA (nothing when none) and the
 * page's own preloads (`HERO_PRELOAD` on `/`).
 */
export function renderShell(
  template: string,
  browserFaults: readonly string[],
  preloads = '',
  supabase?: PublicSupabaseConfig,
): string {
  const marker =
    browserFaults.length === 0
      ? ''
      : `<script>window.__VIAMENTOR_FAULTS__ = ${JSON.stringify(browserFaults)};</script>\n`;
  const config = supabase
    ? `<script>window.__VIAMENTOR_SUPABASE__ = ${JSON.stringify(supabase).replaceAll('<', '\\u003c')};</script>\n`
    : '';
  if (!marker && !preloads && !config) return template;
  return template.replace('</head>', `${config}${preloads}${marker}</head>`);
}

function chooseEncoding(req: IncomingMessage, asset: StaticAsset): 'br' | 'gzip' | undefined {
  const accepted = String(req.headers['accept-encoding'] ?? '');
  if (asset.encoded.br && /\bbr\b/.test(accepted)) return 'br';
  if (asset.encoded.gzip && /\bgzip\b/.test(accepted)) return 'gzip';
  return undefined;
}

/** Sends a file: 304 when the client's copy is current, compressed when the client accepts it. */
export function sendAsset(req: IncomingMessage, res: ServerResponse, asset: StaticAsset): void {
  const headers: Record<string, string> = {
    'content-type': asset.contentType,
    'cache-control': asset.cacheControl,
    etag: asset.etag,
    'x-content-type-options': 'nosniff',
  };
  if (Object.keys(asset.encoded).length > 0) headers.vary = 'Accept-Encoding';
  if (req.headers['if-none-match'] === asset.etag) {
    res.writeHead(304, headers).end();
    return;
  }
  const encoding = chooseEncoding(req, asset);
  const body = encoding ? (asset.encoded[encoding] ?? asset.body) : asset.body;
  if (encoding) headers['content-encoding'] = encoding;
  res.writeHead(200, { ...headers, 'content-length': String(body.length) }).end(body);
}

/** Sends an HTML document; never cached, so a deploy (or a fault) shows at the next load. */
export function sendHtml(res: ServerResponse, html: string): void {
  res
    .writeHead(200, {
      'content-type': CONTENT_TYPES['.html'] ?? 'text/html',
      'cache-control': 'no-cache',
      'content-length': String(Buffer.byteLength(html)),
      'x-content-type-options': 'nosniff',
    })
    .end(html);
}
