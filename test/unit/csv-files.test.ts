// The CSV files themselves: the export's temporary file can't be redirected, and a 25 MB import file is read as a
// stream that leaves the event loop free and can be cancelled.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { after, before, describe, test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { exportSuppressionsCsv, readSuppressionsCsvStream } from '../../src/csv';
import { MAX_IMPORT_BYTES, type Bounce } from '../../src/mailgun';

const dir = mkdtempSync(join(tmpdir(), 'mg-csv-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('export temporary file', () => {
  test('a symlink planted at the old predictable <file>.part is not followed: its target is untouched', async () => {
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    const file = join(dir, 'bounces.csv');
    symlinkSync(victim, `${file}.part`);
    const { rows } = await exportSuppressionsCsv('bounces', Readable.from([{ address: 'a@example.com', code: '550' }] as Bounce[]), file);
    assert.equal(rows, 1);
    assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
    assert.equal(readFileSync(file, 'utf8'), 'address,code,error,created_at\na@example.com,550,,\n');
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.part') && f !== 'bounces.csv.part'), [], 'its own temporary file is gone');
  });
});

describe('streamed import read', () => {
  const big = join(dir, 'big.csv');
  let rows = 0;
  before(async () => {
    const out = createWriteStream(big);
    out.write('address,code,error,created_at\n');
    let bytes = 0;
    while (bytes < MAX_IMPORT_BYTES - 200) {
      const line = `user${String(rows).padStart(7, '0')}@example.com,550,"5.1.1 The email account that you tried to reach does not exist",Thu, 26 Mar 2026 12:59:15 UTC\n`.replace(/,Thu, (.*)\n$/, ',"Thu, $1"\n');
      bytes += line.length;
      rows++;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await finished(out);
  });

  test('a 25 MB file is read whole while the event loop keeps turning', async () => {
    let turns = 0;
    let reading = true;
    let longest = 0;
    const ticker = (async () => {
      let last = performance.now();
      while (reading) {
        await nextTurn();
        turns++;
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }
    })();
    const started = performance.now();
    const parsed = await readSuppressionsCsvStream('bounces', createReadStream(big));
    const ms = performance.now() - started;
    reading = false;
    await ticker;
    assert.equal(parsed.rows, rows);
    assert.equal(parsed.inputs.length, rows);
    assert.deepEqual(parsed.problems, []);
    // Each 64 KB chunk of the file and each 2,000 rows give other work a turn.
    assert.ok(turns >= rows / 2000, `${turns} turns for ${rows} rows`);
    console.log(`read ${rows} rows (${(MAX_IMPORT_BYTES / 1024 / 1024).toFixed(0)} MB) in ${ms.toFixed(0)} ms with ${turns} event-loop turns, the longest wait between two ${longest.toFixed(0)} ms`);
  });

  test('cancelling stops the read part way and rejects with the abort', async () => {
    const controller = new AbortController();
    let seen = 0;
    const read = readSuppressionsCsvStream('bounces', createReadStream(big, { signal: controller.signal }), {
      signal: controller.signal,
      onBytes: (bytes) => {
        seen = bytes;
        if (bytes > 5 * 1024 * 1024) controller.abort();
      },
    });
    await assert.rejects(read, { name: 'AbortError' });
    assert.ok(seen < MAX_IMPORT_BYTES / 2, `stopped after ${seen} bytes`);
  });
});
