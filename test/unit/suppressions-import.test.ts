import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readSuppressionsCsv } from '../../src/csv';
import { suppressionsImportCsv } from '../../src/csv/suppressions-import';

describe('import file of the valid rows', () => {
  test('bounces: the good rows of a file with a bad one, in Mailgun\'s columns, read back the same', () => {
    const parsed = readSuppressionsCsv('bounces', 'address,code,error\na@example.com,550,"Mailbox full, really"\nnope,550,x\nb@example.com,,=SUM(1)\n');
    assert.equal(parsed.problems.length, 1);
    const csv = suppressionsImportCsv('bounces', parsed.inputs);
    assert.equal(csv.split('\n')[0], 'address,code,error,created_at');
    assert.match(csv, /^b@example\.com,,=SUM\(1\),$/m, 'values go as they are: the file is for Mailgun, not a spreadsheet');
    const again = readSuppressionsCsv('bounces', csv);
    assert.deepEqual(again.problems, []);
    assert.deepEqual(again.inputs, parsed.inputs);
  });

  test('unsubscribes keep several tags in one cell; the allowlist keeps address or domain', () => {
    const unsubs = readSuppressionsCsv('unsubscribes', 'address,tags\nu@example.com,"news, promo"\n');
    const csv = suppressionsImportCsv('unsubscribes', unsubs.inputs);
    assert.deepEqual(readSuppressionsCsv('unsubscribes', csv).inputs[0].tags, ['news', 'promo']);
    const allow = readSuppressionsCsv('allowlist', 'address,domain\nv@example.com,\n,example.org\n');
    assert.equal(suppressionsImportCsv('allowlist', allow.inputs), 'address,domain\nv@example.com,\n,example.org\n');
  });
});
