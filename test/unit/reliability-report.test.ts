import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readRecords, renderReliability, writeReliabilityReport } from '../host/reliability-report';
import type { ReliabilityRecord } from '../integration/reliability';

const fault = (place: string, kind: string, outcome: 'passed' | 'failed' = 'passed'): ReliabilityRecord => ({ area: 'fault', case: `${place} × ${kind}`, place, fault: kind, outcome });

describe('RELIABILITY.md', () => {
  test('faults × places as a grid, bad inputs and round trips counted, nothing lost when all passed', () => {
    const md = renderReliability(
      [
        fault('Bounces', '500'),
        fault('Bounces', 'timeout'),
        fault('Domains', '500'),
        { area: 'bad input', case: 'email "a@@b"', group: 'email address', outcome: 'passed' },
        { area: 'bad input', case: 'email "x"', group: 'email address', outcome: 'passed' },
        { area: 'round trip', case: 'bounces', group: 'bounces', outcome: 'passed' },
      ],
      '2026-12-02',
    );
    assert.match(md, /Last run: 2026-12-02\./);
    assert.match(md, /\| fault \| Bounces \| Domains \|/);
    assert.match(md, /\| 500 \| ✓ \| ✓ \|/);
    assert.match(md, /\| timeout \| ✓ \| · \|/);
    assert.match(md, /3 of 3 tried passed, 2 faults at 2 places/);
    assert.match(md, /\| email address \| 2 \| 2 \|/);
    assert.match(md, /Nothing lost: the round trip gave back exactly what was exported; all 2 bad inputs were refused with nothing sent; all 3 faults ended in a sentence with Retry that recovered \(6 cases, all passed\)\./);
  });

  test('a failure is shown as such and there is no "nothing lost" claim', () => {
    const md = renderReliability([fault('Bounces', '500', 'failed'), { area: 'round trip', case: 'allowlist', outcome: 'failed' }], '2026-12-02');
    assert.match(md, /\| 500 \| ✗ \|/);
    assert.match(md, /- allowlist/);
    assert.match(md, /\*\*2 of 2 cases failed\*\*/);
    assert.doesNotMatch(md, /Nothing lost:/);
  });

  test('the last record of a case wins (a case run again), and nothing is written without records', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reliability-'));
    try {
      const file = join(dir, 'reliability.jsonl');
      writeFileSync(file, [fault('Bounces', '500', 'failed'), fault('Bounces', '404'), fault('Bounces', '500')].map((r) => JSON.stringify(r)).join('\n') + '\n');
      assert.deepEqual(
        readRecords(file).map((r) => [r.case, r.outcome]),
        [
          ['Bounces × 500', 'passed'],
          ['Bounces × 404', 'passed'],
        ],
      );
      assert.equal(writeReliabilityReport(dir, file), true);
      assert.match(readFileSync(join(dir, 'RELIABILITY.md'), 'utf8'), /2 of 2 tried passed/);
      assert.equal(writeReliabilityReport(dir, join(dir, 'none.jsonl')), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
