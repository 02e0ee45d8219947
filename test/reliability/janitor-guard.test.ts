/**
 * The janitor deletes only as the configured synthetic user: a target whose session belongs to
 * someone else (a mistyped e-mail that still signs in, a shared account) is refused before any
 * listing or deletion. A fake target records every request.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { hermeticEnv, runCli } from '../helpers/run-cli.ts';

test('the janitor refuses to run when the signed-in user is not the synthetic user', { timeout: 30_000 }, async () => {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    // A Supabase Auth that signs the synthetic credentials in as somebody else.
    const user = { id: '00000000-0000-4000-8000-00000000beef', aud: 'authenticated', email: 'owner@real-school.ch' };
    const session = {
      access_token: 'opaque-token-123456',
      token_type: 'bearer',
      expires_in: 3600,
      expires_at: Math.floor(Date.now() / 1000) + 3600,
      refresh_token: 'opaque-refresh-654321',
      user,
    };
    const body = request.url?.startsWith('/auth/v1/token') ? session : request.url === '/auth/v1/user' ? user : [];
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const env = hermeticEnv({
      BASE_URL: url,
      SYNTHETIC_EMAIL: 'synthetic@viamentor.test',
      SYNTHETIC_PASSWORD: 'janitor-pass-77',
      SUPABASE_URL: url,
      SUPABASE_ANON_KEY: 'anon-key-for-the-fake-target-01',
    });
    const result = await runCli('synthetics/cli/janitor.ts', [], env, 25_000);
    assert.equal(result.code, 2, result.stderr);
    assert.match(
      result.stderr,
      /^janitor: refusing to run: signed in as owner@real-school\.ch, not the synthetic user SYNTHETIC_EMAIL/m,
    );
    assert.ok(
      !seen.some((line) => line.startsWith('GET /rest/') || line.startsWith('DELETE')),
      `no listing, no deletion: ${seen}`,
    );
    assert.ok(!result.stderr.includes('janitor-pass-77') && !result.stdout.includes('janitor-pass-77'));
  } finally {
    server.close();
  }
});
