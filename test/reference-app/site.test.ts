/**
 * The single-page app as a browser and a CDN see it: the HTML shell for every page path, files
 * with the right content type, cache policy, ETag revalidation and compression — compressed once,
 * then kept between starts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { loadStaticSite } from '../../reference-app/src/static.ts';

let app: ReferenceApp;
before(async () => {
  app = await startReferenceApp({ faults: false });
});
after(() => app.stop());

describe('HTML shell (SPA fallback)', () => {
  for (const path of ['/', '/login', '/students/12/edit', '/planning?date=2031-01-02', '/no/such/page']) {
    test(`GET ${path} serves the shell, in French, not cached`, async () => {
      const response = await fetch(`${app.url}${path}`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(response.headers.get('cache-control'), 'no-cache');
      const html = await response.text();
      assert.match(html, /<html lang="fr">/);
      assert.match(html, /<script type="module" src="\/js\/main.js"><\/script>/);
      assert.doesNotMatch(html, /__VIAMENTOR_FAULTS__/, 'nothing about faults in normal mode');
    });
  }

  test('HEAD answers like GET without a body', async () => {
    const response = await fetch(`${app.url}/students`, { method: 'HEAD' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(await response.text(), '');
  });
});

describe('static files', () => {
  const files: Array<[string, string]> = [
    ['/js/main.js', 'text/javascript; charset=utf-8'],
    ['/js/pages/planning.js', 'text/javascript; charset=utf-8'],
    ['/css/app.css', 'text/css; charset=utf-8'],
    ['/assets/hero.png', 'image/png'],
    ['/assets/favicon.svg', 'image/svg+xml'],
  ];
  const cache = 'public, max-age=0, must-revalidate';
  for (const [path, type] of files) {
    test(`${path} is ${type}, revalidated at each use (ETag)`, async () => {
      const response = await fetch(`${app.url}${path}`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), type);
      assert.equal(response.headers.get('cache-control'), cache);
      assert.match(response.headers.get('etag') ?? '', /^"[\w-]+"$/);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    });
  }

  test('the hero image is a real 1200×600 PNG of 60–200 KB', async () => {
    const bytes = Buffer.from(await (await fetch(`${app.url}/assets/hero.png`)).arrayBuffer());
    assert.equal(bytes.subarray(1, 4).toString('ascii'), 'PNG');
    assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [1200, 600]);
    assert.ok(bytes.length > 60_000 && bytes.length < 200_000, `${bytes.length} bytes`);
  });

  test('a current copy is revalidated with 304', async () => {
    const first = await fetch(`${app.url}/js/main.js`);
    const etag = first.headers.get('etag') ?? '';
    const second = await fetch(`${app.url}/js/main.js`, { headers: { 'if-none-match': etag } });
    assert.equal(second.status, 304);
    assert.equal(second.headers.get('etag'), etag);
  });

  test('text files are compressed with brotli or gzip when the client accepts it', async () => {
    for (const encoding of ['br', 'gzip']) {
      const response = await fetch(`${app.url}/css/app.css`, { headers: { 'accept-encoding': encoding } });
      assert.equal(response.headers.get('content-encoding'), encoding);
      assert.equal(response.headers.get('vary'), 'Accept-Encoding');
      assert.match(await response.text(), /Viamentor reference app/, 'fetch decodes it back to the stylesheet');
    }
  });
});

describe('compressed forms kept between starts', () => {
  /** A public/ of one stylesheet and its shell, in a folder of its own; the cache beside it. */
  async function site(css: string): Promise<{ publicDir: string; cacheDir: string }> {
    const root = await mkdtemp(join(tmpdir(), 'static-cache-'));
    await mkdir(join(root, 'public', 'css'), { recursive: true });
    await writeFile(join(root, 'public', 'index.html'), '<!doctype html><title>x</title>');
    await writeFile(join(root, 'public', 'css', 'app.css'), css);
    return { publicDir: join(root, 'public'), cacheDir: join(root, 'cache') };
  }
  const css = (colour: string) => `body { color: ${colour}; }\n`.repeat(200);

  test('a first start compresses and keeps; the next one serves the kept forms, which decode to the file', async () => {
    const { publicDir, cacheDir } = await site(css('navy'));
    const first = loadStaticSite(publicDir, cacheDir).assets.get('/css/app.css')!;
    const kept = await readdir(cacheDir);
    assert.equal(kept.filter((name) => name.endsWith('.br') || name.endsWith('.gz')).length >= 2, true, `${kept}`);
    const second = loadStaticSite(publicDir, cacheDir).assets.get('/css/app.css')!;
    assert.deepEqual(second.encoded, first.encoded);
    assert.deepEqual(brotliDecompressSync(second.encoded.br!), second.body);
    assert.deepEqual(gunzipSync(second.encoded.gzip!), second.body);
    // Read, not made again: a kept form marked by hand is what the next start serves.
    const gz = kept.find((name) => readFileSync(join(cacheDir, name)).equals(first.encoded.gzip!))!;
    await writeFile(join(cacheDir, gz), gzipSync('marked'));
    const third = loadStaticSite(publicDir, cacheDir).assets.get('/css/app.css')!;
    assert.equal(gunzipSync(third.encoded.gzip!).toString(), 'marked');
  });

  test('a changed file is compressed anew and the forms of its old content are dropped', async () => {
    const { publicDir, cacheDir } = await site(css('navy'));
    loadStaticSite(publicDir, cacheDir);
    const before = new Set(await readdir(cacheDir));
    await writeFile(join(publicDir, 'css', 'app.css'), css('teal'));
    const changed = loadStaticSite(publicDir, cacheDir).assets.get('/css/app.css')!;
    assert.match(brotliDecompressSync(changed.encoded.br!).toString(), /teal/);
    const after = await readdir(cacheDir);
    const dropped = [...before].filter((name) => !after.includes(name));
    assert.equal(dropped.length, 2, `the old stylesheet's br and gzip forms: ${dropped}`);
  });

  test('a cache folder that cannot be made only means compressing at every start', async () => {
    const { publicDir } = await site(css('navy'));
    const blocked = join(publicDir, 'index.html', 'cache');
    const asset = loadStaticSite(publicDir, blocked).assets.get('/css/app.css')!;
    assert.deepEqual(gunzipSync(asset.encoded.gzip!), asset.body);
  });
});
