/** Secrets never survive redaction: known values in every form, and secret-shaped strings. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { strToU8, unzipSync, zipSync, strFromU8 } from 'fflate';
import { REDACTED, redactDeep, redactText } from '../../synthetics/model/redact.ts';
import { scrubTextContent, scrubZip } from '../../synthetics/result/scrub-artifacts.ts';

const PASSWORD = 'p@ss "wörd"/42';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVl';

describe('redactText', () => {
  const cases: Array<[string, string, readonly string[], string | undefined]> = [
    ['a raw password', `typed ${PASSWORD} here`, [PASSWORD], `typed ${REDACTED} here`],
    ['a JSON-escaped password', JSON.stringify({ value: PASSWORD }), [PASSWORD], `{"value":"${REDACTED}"}`],
    ['a URL-encoded password', `password=${encodeURIComponent(PASSWORD)}&x=1`, [PASSWORD], `password=${REDACTED}&x=1`],
    ['a base64 password', `auth ${Buffer.from(PASSWORD).toString('base64')}`, [PASSWORD], `auth ${REDACTED}`],
    ['a JWT without knowing it', `token ${JWT} end`, [], `token ${REDACTED} end`],
    ['a bearer header', 'authorization: Bearer abcdef0123456789', [], `authorization: Bearer ${REDACTED}`],
    [
      'token fields of a JSON body',
      '{"access_token":"opaque-1234","refresh_token":"r-5678","token_type":"bearer"}',
      [],
      `{"access_token":"${REDACTED}","refresh_token":"${REDACTED}","token_type":"bearer"}`,
    ],
    ['a password field', '{"email":"a@b.ch","password":"hunter22"}', [], `{"email":"a@b.ch","password":"${REDACTED}"}`],
    [
      'a Slack webhook URL',
      'posting to https://hooks.slack.com/services/T0/B0/xyz failed',
      [],
      `posting to ${REDACTED} failed`,
    ],
    [
      'a refresh token inside escaped JSON (a localStorage value)',
      String.raw`{"value":"{\"access_token\":\"opaque-a1\",\"refresh_token\":\"r3fr35h\"}"}`,
      [],
      String.raw`{"value":"{\"access_token\":\"${REDACTED}\",\"refresh_token\":\"${REDACTED}\"}"}`,
    ],
    [
      'a Cookie header recorded by a trace',
      '{"name":"Cookie","value":"sid=abc123; theme=dark"}',
      [],
      `{"name":"Cookie","value":"${REDACTED}"}`,
    ],
    [
      'a Set-Cookie header line',
      'set-cookie: sid=abc123; HttpOnly\nnext line',
      [],
      `set-cookie: ${REDACTED}\nnext line`,
    ],
    [
      'a Supabase base64- session cookie',
      'sb-abcd-auth-token=base64-eyJhY2Nlc3NfdG9rZW4iOiJ4In0; Path=/',
      [],
      `sb-abcd-auth-token=${REDACTED}; Path=/`,
    ],
    ['Authorization: Basic', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', [], `Authorization: ${REDACTED}`],
    ['a basic credential in prose', 'sent basic dXNlcjpwYXNzd29yZA== to it', [], `sent basic ${REDACTED} to it`],
    [
      'a secret inside a longer base64 string',
      `x ${Buffer.from(`{"k":"${PASSWORD}"}`).toString('base64')} y`,
      [PASSWORD],
      undefined,
    ],
    ['a short secret as a word', 'the code is 4242, not 424242', ['4242'], `the code is ${REDACTED}, not 424242`],
    ['ordinary text untouched', 'the VAT is 8.1 % — bearer of news', ['ab'], 'the VAT is 8.1 % — bearer of news'],
  ];
  for (const [name, input, secrets, expected] of cases) {
    test(`redacts ${name}`, () => {
      const output = redactText(input, secrets);
      if (expected !== undefined) assert.equal(output, expected);
      else
        for (const secret of secrets)
          assert.ok(!Buffer.from(output, 'base64').toString('latin1').includes(secret), output);
      if (expected === undefined) assert.notEqual(output, input);
    });
  }

  test('redactDeep reaches every string of a value', () => {
    const value = { a: [`x ${PASSWORD}`], b: { c: JWT, n: 3 } };
    assert.deepEqual(redactDeep(value, [PASSWORD]), { a: [`x ${REDACTED}`], b: { c: REDACTED, n: 3 } });
  });
});

describe('scrubbing artifacts', () => {
  const trace = zipSync({
    'trace.trace': strToU8(`{"method":"fill","params":{"value":${JSON.stringify(PASSWORD)}}}\n`),
    'resources/abc.json': strToU8(`{"access_token":"${JWT}"}`),
    'resources/shot.png': new Uint8Array([137, 80, 78, 71, 0, 1, 2]),
  });

  test('a trace archive keeps its entries but loses its secrets', () => {
    const scrubbed = scrubZip(trace, [PASSWORD]);
    assert.ok(scrubbed, 'the archive changed');
    const entries = unzipSync(scrubbed);
    assert.deepEqual(Object.keys(entries).sort(), ['resources/abc.json', 'resources/shot.png', 'trace.trace']);
    const text = strFromU8(entries['trace.trace']!) + strFromU8(entries['resources/abc.json']!);
    assert.ok(!text.includes(PASSWORD) && !text.includes(JWT) && !text.includes('wörd'));
    assert.deepEqual([...entries['resources/shot.png']!], [137, 80, 78, 71, 0, 1, 2]);
  });

  test('an archive without secrets is left as it is', () => {
    assert.equal(scrubZip(zipSync({ 'a.txt': strToU8('nothing here') }), [PASSWORD]), undefined);
  });

  test('a zip embedded in an HTML report is scrubbed too', () => {
    const html =
      `<script id="playwrightReportBase64" ` +
      `type="application/zip">data:application/zip;base64,${Buffer.from(trace).toString('base64')}</script>`;
    const scrubbed = scrubTextContent(html, [PASSWORD]);
    const base64 = /base64,([A-Za-z0-9+/=]+)/.exec(scrubbed)![1]!;
    const entries = unzipSync(Buffer.from(base64, 'base64'));
    assert.ok(!strFromU8(entries['trace.trace']!).includes('wörd'));
  });
});
