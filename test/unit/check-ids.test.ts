/** Check ids and incident keys: every form built and read back by model/check-ids.ts, malformed ones refused. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  API_P95_CHECK,
  APP_DOWN_CHECKS,
  checkId,
  checkName,
  formatCheckId,
  formatIncidentKey,
  idKind,
  incidentKey,
  isPageBudgetOf,
  journeyName,
  kindOf,
  parseCheckId,
  parseIncidentKey,
  unitOfCheck,
  type CheckIdParts,
  type IncidentKeyParts,
} from '../../synthetics/model/check-ids.ts';

/** Every form of id, as summary.json, the README and docs/result-schema.md show it. */
const IDS: Array<[string, string, CheckIdParts]> = [
  ['uptime home', checkId.uptime('home'), { kind: 'uptime', name: 'home' }],
  ['uptime health', checkId.uptime('health'), { kind: 'uptime', name: 'health' }],
  ['journey', checkId.journey('login'), { kind: 'journey', name: 'login' }],
  ['security', checkId.security('tenant-isolation'), { kind: 'security', name: 'tenant-isolation' }],
  ['telemetry', checkId.telemetry('sentry'), { kind: 'telemetry', name: 'sentry' }],
  ['accessibility', checkId.a11y('dashboard'), { kind: 'a11y', page: 'dashboard' }],
  ['lab desktop', checkId.lab('home', 'lcp'), { kind: 'budget', source: 'lab', page: 'home', metric: 'lcp' }],
  [
    'lab mobile',
    checkId.lab('home', 'cls', 'mobile'),
    { kind: 'budget', source: 'mobile', page: 'home', metric: 'cls' },
  ],
  [
    'lab size',
    checkId.lab('student-id', 'transferBytes'),
    { kind: 'budget', source: 'lab', page: 'student-id', metric: 'transferBytes' },
  ],
  [
    'in-journey vital',
    checkId.vital('planning', 'inp'),
    { kind: 'budget', source: 'journey', page: 'planning', metric: 'inp' },
  ],
  ['API p95', API_P95_CHECK, { kind: 'budget', source: 'api', page: 'api', metric: 'p95' }],
  ['a page named api', checkId.lab('api', 'lcp'), { kind: 'budget', source: 'lab', page: 'api', metric: 'lcp' }],
];

describe('check ids', () => {
  test('the builders write the public forms, unchanged', () => {
    assert.deepEqual(
      IDS.map(([, id]) => id),
      [
        'uptime:home',
        'uptime:health',
        'journey:login',
        'security:tenant-isolation',
        'telemetry:sentry',
        'a11y:dashboard',
        'budget:home:lcp',
        'budget:home:mobile-cls',
        'budget:student-id:transferBytes',
        'budget:planning:journey-inp',
        'budget:api:p95',
        'budget:api:lcp',
      ],
    );
    assert.deepEqual(APP_DOWN_CHECKS, ['uptime:home', 'uptime:health']);
  });

  for (const [name, id, parts] of IDS) {
    test(`${name}: parse and build are each other's inverse (${id})`, () => {
      assert.deepEqual(parseCheckId(id), parts);
      assert.equal(formatCheckId(parts), id);
      assert.equal(idKind(id), parts.kind);
      assert.equal(kindOf(id), parts.kind);
    });
  }

  const MALFORMED: Array<[string, string]> = [
    ['empty', ''],
    ['no name', 'journey'],
    ['empty name', 'journey:'],
    ['no kind', ':login'],
    ['unknown kind', 'smoke:login'],
    ['an extra part', 'uptime:home:extra'],
    ['upper case', 'journey:Login'],
    ['a space', 'journey:log in'],
    ['a path as page', 'a11y:/login'],
    ['a budget without metric', 'budget:home'],
    ['a budget with an empty metric', 'budget:login:'],
    ['a budget with an extra part', 'budget:home:lcp:1'],
    ['an unknown metric', 'budget:home:speed'],
    ['a lab-only metric in the journeys', 'budget:home:journey-tbt'],
    ['a journey-only metric in the lab', 'budget:home:inp'],
    ['an unknown source', 'budget:home:tablet-lcp'],
    ['another API percentile', 'budget:api:p99'],
    ['a path as budget page', 'budget:/:lcp'],
  ];
  for (const [name, id] of MALFORMED) {
    test(`refuses ${name} (${JSON.stringify(id)})`, () => assert.equal(parseCheckId(id), undefined));
  }

  test('the kind is read from the prefix; an id of no known kind is listed with the journeys', () => {
    const table: Array<[string, string | undefined, string]> = [
      ['budget:/:lcp', 'budget', 'budget'],
      ['a11y:/login', 'a11y', 'a11y'],
      ['smoke:login', undefined, 'journey'],
      ['', undefined, 'journey'],
    ];
    for (const [id, kind, listed] of table) {
      assert.equal(idKind(id), kind, id);
      assert.equal(kindOf(id), listed, id);
    }
  });

  test('names, journey names, units and the SLO budgets are read from the parts', () => {
    assert.equal(checkName('journey:booking'), 'booking');
    assert.equal(checkName('a11y:home'), 'home');
    assert.equal(checkName('budget:home:journey-lcp'), 'home');
    assert.equal(checkName(undefined), undefined);
    assert.equal(checkName('setup'), undefined);
    assert.equal(journeyName('journey:invoice'), 'invoice');
    assert.equal(journeyName('uptime:home'), undefined);
    const units: Array<[string, string]> = [
      ['budget:home:cls', ''],
      ['budget:home:mobile-cls', ''],
      ['budget:home:journey-cls', ''],
      ['budget:home:transferBytes', 'bytes'],
      ['budget:home:requests', 'requests'],
      ['budget:home:lcp', 'ms'],
      [API_P95_CHECK, 'ms'],
    ];
    for (const [id, unit] of units) assert.equal(unitOfCheck(id), unit, id);
    const lcp = ['budget:home:lcp', 'budget:home:mobile-lcp', 'budget:home:journey-lcp', 'budget:api:lcp'];
    for (const id of lcp) assert.equal(isPageBudgetOf(id, 'lcp'), true, id);
    for (const id of ['budget:home:cls', API_P95_CHECK, 'a11y:home', 'budget:home:lcp:1'])
      assert.equal(isPageBudgetOf(id, 'lcp'), false, id);
  });
});

describe('incident keys', () => {
  const KEYS: Array<[string, IncidentKeyParts]> = [
    [incidentKey.appDown, { kind: 'app-down' }],
    ['journey:login', { kind: 'check', checkId: 'journey:login' }],
    [incidentKey.latency(API_P95_CHECK), { kind: 'latency', checkId: 'budget:api:p95' }],
    [incidentKey.slow('journey:invoice'), { kind: 'slow', checkId: 'journey:invoice' }],
    [incidentKey.regression('budget:home:journey-ttfb'), { kind: 'regression', checkId: 'budget:home:journey-ttfb' }],
  ];

  test('the builders write the public forms, unchanged', () => {
    assert.deepEqual(
      KEYS.map(([key]) => key),
      [
        'app-down',
        'journey:login',
        'latency:budget:api:p95',
        'slow:journey:invoice',
        'regression:budget:home:journey-ttfb',
      ],
    );
  });

  for (const [key, parts] of KEYS) {
    test(`parse and build are each other's inverse (${key})`, () => {
      assert.deepEqual(parseIncidentKey(key), parts);
      assert.equal(formatIncidentKey(parts), key);
    });
  }

  for (const key of ['', 'app-down:home', 'slow:', 'slow:login', 'regression:budget:home', 'outage:journey:login']) {
    test(`refuses ${JSON.stringify(key)}`, () => assert.equal(parseIncidentKey(key), undefined));
  }
});
