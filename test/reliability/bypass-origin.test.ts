/**
 * The bypass secret reaches the target's own origin only. A page on origin A (the target) loads an
 * image, a script and a fetch from origin B (a "third party", another loopback port); B records
 * every header it receives and must never see the secret — in the browser checks and in Lighthouse.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from '@playwright/test';
import { sendHeadersToTargetOnly } from '../../synthetics/checks/fixtures/target-headers.ts';
import { measurePage } from '../../synthetics/checks/lighthouse/measure.ts';
import { findChromium } from '../../synthetics/config/browser.ts';

const SECRET = 'bypass-7c1e9a44d02b';
const HEADER = 'x-vercel-protection-bypass';

interface Origin {
  url: string;
  seen: Array<{ path: string; headers: IncomingHttpHeaders }>;
  server: Server;
}

async function listen(handler: (path: string) => { type: string; body: string }): Promise<Origin> {
  const seen: Origin['seen'] = [];
  const server = createServer((request, response) => {
    seen.push({ path: request.url ?? '', headers: request.headers });
    const { type, body } = handler(request.url ?? '/');
    response.writeHead(200, { 'content-type': type, 'access-control-allow-origin': '*' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

let target: Origin;
let thirdParty: Origin;
const browser = findChromium(process.env.CHROME_PATH, chromium.executablePath());

before(async () => {
  thirdParty = await listen((path) =>
    path.endsWith('.js')
      ? { type: 'text/javascript', body: '1;' }
      : { type: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg"/>' },
  );
  target = await listen(() => ({
    type: 'text/html',
    body:
      `<!doctype html><title>t</title><h1>Target</h1><img src="${thirdParty.url}/pixel.svg" alt="">` +
      `<script src="${thirdParty.url}/analytics.js"></script><script>fetch('${thirdParty.url}/api.json')</script>`,
  }));
});
after(() => {
  target.server.close();
  thirdParty.server.close();
});

function assertOnlyTargetSawSecret(): void {
  assert.ok(
    target.seen.some((hit) => hit.headers[HEADER] === SECRET),
    'the target received the bypass header',
  );
  assert.ok(thirdParty.seen.length >= 2, `the third party was contacted (${thirdParty.seen.map((hit) => hit.path)})`);
  for (const hit of thirdParty.seen) {
    assert.ok(!JSON.stringify(hit.headers).includes(SECRET), `${hit.path} received the secret`);
  }
}

describe('the bypass header goes to the target only', { timeout: 120_000 }, () => {
  test('browser checks: requests to another origin carry no secret', async () => {
    target.seen.length = 0;
    thirdParty.seen.length = 0;
    const instance = await chromium.launch({ executablePath: browser.checksExecutablePath, args: [...browser.args] });
    try {
      const context = await instance.newContext();
      await sendHeadersToTargetOnly(context, target.url, { [HEADER]: SECRET });
      const page = await context.newPage();
      await page.goto(target.url, { waitUntil: 'networkidle' });
    } finally {
      await instance.close();
    }
    assertOnlyTargetSawSecret();
  });

  test('Lighthouse: requests to another origin carry no secret', async () => {
    target.seen.length = 0;
    thirdParty.seen.length = 0;
    const reportDir = await mkdtemp(join(tmpdir(), 'viamentor-bypass-'));
    try {
      const result = await measurePage({
        url: `${target.url}/`,
        formFactor: 'desktop',
        chromePath: browser.executablePath,
        chromeFlags: browser.args,
        extraHeaders: { [HEADER]: SECRET },
        reportDir,
        reportName: 'bypass',
        timeoutMs: 60_000,
      });
      assert.ok(result.status === 'measured' || result.code !== 'RUNTIME_ERROR', JSON.stringify(result));
    } finally {
      await rm(reportDir, { recursive: true, force: true });
    }
    assertOnlyTargetSawSecret();
  });
});
