/**
 * No secret in any artifact: a failing run with traces on for every test (so that typed passwords,
 * sign-in responses, bearer tokens and the bypass header were all recorded) leaves none of them in
 * the report folder — traces, the HTML report's embedded data, JUnit, summary — nor in its output.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { startReferenceApp, type ReferenceApp } from '../helpers/reference-app.ts';
import { runSuite } from '../helpers/suite-run.ts';

/** Every text a person could open in the folder: files, zip entries, zips embedded as base64. */
async function artifactTexts(dir: string): Promise<Array<{ where: string; text: string }>> {
  const texts: Array<{ where: string; text: string }> = [];
  const addZip = (where: string, bytes: Uint8Array) => {
    for (const [name, entry] of Object.entries(unzipSync(bytes))) texts.push({ where: `${where}!${name}`, text: strFromU8(entry, true) });
  };
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const bytes = await readFile(file);
    if (file.endsWith('.zip')) addZip(file, bytes);
    const text = bytes.toString('latin1');
    texts.push({ where: file, text: bytes.toString('utf8') });
    for (const match of text.matchAll(/data:application\/zip;base64,([A-Za-z0-9+/=]+)/g)) addZip(`${file}#embedded`, Buffer.from(match[1]!, 'base64'));
  }
  return texts;
}

let app: ReferenceApp;
const password = `pw-${randomBytes(12).toString('hex')}`;
const bypass = `bypass-${randomBytes(12).toString('hex')}`;
const webhook = `http://127.0.0.1:9/services/T0/B0/${randomBytes(12).toString('hex')}`;

before(async () => {
  app = await startReferenceApp({ env: { REFERENCE_APP_PASSWORD: password } });
});
after(async () => app?.stop());

test('a failing, fully traced run leaves no password, token, bypass secret or webhook anywhere', async () => {
  await app.setFault('invoice-total-wrong', true);
  const run = await runSuite(app, { args: ['--tier', 'core', '--trace', 'on'], env: { VERCEL_AUTOMATION_BYPASS_SECRET: bypass, SLACK_WEBHOOK_URL: webhook } });
  assert.equal(run.code, 1, run.stdout.slice(-2000));
  const texts = await artifactTexts(run.reportDir);
  const traces = texts.filter(({ where }) => where.endsWith('.zip!trace.trace'));
  assert.ok(traces.length >= 6, `every test was traced (found ${traces.length} traces)`);
  assert.ok(texts.some(({ text }) => text.includes('[REDACTED]')), 'secrets were recorded, then redacted');
  const forbidden: Array<[string, RegExp]> = [
    ['the synthetic password', new RegExp(password)],
    ['the bypass secret', new RegExp(bypass)],
    ['the Slack webhook URL', new RegExp(webhook.split('/').pop()!)],
    ['a session token (JWT)', /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
  ];
  for (const [what, pattern] of forbidden) {
    const leaks = texts.filter(({ text }) => pattern.test(text)).map(({ where }) => where);
    assert.deepEqual(leaks, [], `${what} leaked into artifacts`);
    assert.doesNotMatch(run.stdout + run.stderr, pattern, `${what} leaked into the console`);
  }
});
