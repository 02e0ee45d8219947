/** The job summary's table of step durations (what each job is billed), from the jobs API's steps. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatStepDurations } from '../../.github/scripts/step-durations.ts';

test('each step with its duration, the running one marked, the job total and its billed minutes', () => {
  const at = (s: number) => new Date(Date.parse('2026-11-30T01:04:00Z') + s * 1000).toISOString();
  const text = formatStepDurations(
    'core',
    [
      { name: 'Initialize containers', status: 'completed', started_at: at(0), completed_at: at(21) },
      { name: 'npm ci', status: 'completed', started_at: at(21), completed_at: at(33) },
      { name: 'Checks and the decision | uptime first', status: 'completed', started_at: at(33), completed_at: at(58) },
      {
        name: 'Step durations (billed minutes of this job)',
        status: 'in_progress',
        started_at: at(58),
        completed_at: null,
      },
      { name: 'Post checkout', status: 'pending', started_at: null, completed_at: null },
    ],
    new Date(at(61)),
  );
  assert.equal(
    text,
    [
      '### Step durations — core',
      '',
      '| step | duration |',
      '|---|---:|',
      '| Initialize containers | 21 s |',
      '| npm ci | 12 s |',
      '| Checks and the decision \\| uptime first | 25 s |',
      '| Step durations (billed minutes of this job) | 3 s (running) |',
      '| **job so far** | **61 s** — billed 2 min (rounded up) |',
      '',
    ].join('\n'),
  );
});
