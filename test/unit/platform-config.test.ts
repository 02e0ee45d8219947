/** The platform part of the config: API origins, bundled defaults, the anon key kept secret. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadSuiteConfig } from '../../synthetics/config/env.ts';
import { BUNDLED_SUPABASE } from '../../synthetics/config/platform-env.ts';

const REAL = {
  BASE_URL: 'https://viamentor.vercel.app/',
  SYNTHETIC_EMAIL: 'synthetic@viamentor.ch',
  SYNTHETIC_PASSWORD: 'a-password',
  SUPABASE_URL: 'https://abcd1234.supabase.co/',
  SUPABASE_ANON_KEY: 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.signature-part',
};

describe('platform configuration', () => {
  test('a real target: its Supabase origin and extra API origins all count as the API', () => {
    const config = loadSuiteConfig({
      ...REAL,
      SYNTHETICS_API_ORIGINS: 'https://api.viamentor.ch/v1, https://edge.viamentor.ch',
    });
    assert.equal(config.platform.supabaseUrl, 'https://abcd1234.supabase.co');
    assert.deepEqual(config.platform.apiOrigins, [
      'https://viamentor.vercel.app',
      'https://abcd1234.supabase.co',
      'https://api.viamentor.ch',
      'https://edge.viamentor.ch',
    ]);
  });

  test('the anon key is a secret: redacted like the password', () => {
    const config = loadSuiteConfig(REAL);
    assert.ok(config.secrets.includes(REAL.SUPABASE_ANON_KEY));
  });

  test('the bundled app: its Supabase origin on the local Supabase port, with its anon key', () => {
    const config = loadSuiteConfig({ PORT: '4399' });
    assert.equal(config.platform.supabaseUrl, `http://127.0.0.1:${BUNDLED_SUPABASE.port}`);
    assert.equal(config.platform.anonKey, BUNDLED_SUPABASE.anonKey);
    assert.deepEqual(config.platform.apiOrigins, [
      'http://127.0.0.1:4399',
      `http://127.0.0.1:${BUNDLED_SUPABASE.port}`,
    ]);
    assert.equal(
      config.platform.foreignTenantId,
      BUNDLED_SUPABASE.secondTenantId,
      'the second tenant is the known other one',
    );
  });

  test('a known foreign tenant is kept for the isolation check; a real target has none by default', () => {
    const id = '0f7c1e2a-3b4c-4d5e-8f90-123456789abc';
    assert.equal(loadSuiteConfig({ ...REAL, SYNTHETICS_FOREIGN_TENANT_ID: id }).platform.foreignTenantId, id);
    assert.equal(loadSuiteConfig(REAL).platform.foreignTenantId, undefined);
  });
});

test("a check's assertions wait 10 s by default; SYNTHETICS_EXPECT_TIMEOUT_MS changes it", () => {
  assert.equal(loadSuiteConfig({}).expectTimeoutMs, 10_000);
  assert.equal(loadSuiteConfig({ SYNTHETICS_EXPECT_TIMEOUT_MS: '4000' }).expectTimeoutMs, 4000);
  assert.equal(loadSuiteConfig({ SYNTHETICS_EXPECT_TIMEOUT_MS: ' ' }).expectTimeoutMs, 10_000);
});
