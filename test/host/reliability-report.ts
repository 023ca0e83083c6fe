// Renders RELIABILITY.md from the records the tests appended to test-results/reliability.jsonl (see
// test/integration/reliability.ts). Called by `npm test` after its steps; the table is only as good as what ran.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReliabilityRecord } from '../integration/reliability';

const PASSED = '✓';
const FAILED = '✗';
const NOT_TRIED = '·';

/** The last record of each (area, case), in the order cases first appeared. */
export function readRecords(file: string): ReliabilityRecord[] {
  if (!existsSync(file)) return [];
  const byCase = new Map<string, ReliabilityRecord>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as ReliabilityRecord;
    byCase.set(`${r.area}\u0000${r.case}`, r);
  }
  return [...byCase.values()];
}

const unique = (values: (string | undefined)[]): string[] => [...new Set(values.filter((v): v is string => v !== undefined))];
const passed = (rs: ReliabilityRecord[]): number => rs.filter((r) => r.outcome === 'passed').length;
const cell = (s: string): string => s.replace(/\|/g, '\\|');

function faultTable(faults: ReliabilityRecord[]): string[] {
  if (faults.length === 0) return ['No fault was injected in this run.'];
  const places = unique(faults.map((r) => r.place));
  const kinds = unique(faults.map((r) => r.fault));
  const lines = [`| fault | ${places.map(cell).join(' | ')} |`, `|---|${places.map(() => ':-:').join('|')}|`];
  for (const kind of kinds) {
    const row = places.map((place) => {
      const r = faults.find((f) => f.place === place && f.fault === kind);
      return r === undefined ? NOT_TRIED : r.outcome === 'passed' ? PASSED : FAILED;
    });
    lines.push(`| ${cell(kind)} | ${row.join(' | ')} |`);
  }
  lines.push('', `${passed(faults)} of ${faults.length} tried passed, ${kinds.length} faults at ${places.length} places (${PASSED} passed, ${FAILED} failed, ${NOT_TRIED} not tried).`);
  return lines;
}

function groupTable(records: ReliabilityRecord[], none: string): string[] {
  if (records.length === 0) return [none];
  const groups = unique(records.map((r) => r.group ?? '(other)'));
  const lines = ['| kind | tried | passed |', '|---|--:|--:|'];
  for (const g of groups) {
    const rs = records.filter((r) => (r.group ?? '(other)') === g);
    lines.push(`| ${cell(g)} | ${rs.length} | ${passed(rs)} |`);
  }
  lines.push(`| **all** | **${records.length}** | **${passed(records)}** |`);
  const failed = records.filter((r) => r.outcome === 'failed');
  if (failed.length > 0) lines.push('', 'Failed:', ...failed.map((r) => `- ${r.case}`));
  return lines;
}

function nothingLost(records: ReliabilityRecord[]): string {
  const failed = records.filter((r) => r.outcome === 'failed');
  if (records.length === 0) return 'Nothing was recorded: the reliability tests did not run.';
  if (failed.length > 0) return `**${failed.length} of ${records.length} cases failed**: see the tables above.`;
  const count = (area: ReliabilityRecord['area']) => records.filter((r) => r.area === area).length;
  const trips = count('round trip');
  const inputs = count('bad input');
  const faults = count('fault');
  const claims = [
    trips > 0 && `${trips === 1 ? 'the round trip' : `all ${trips} round trips`} gave back exactly what was exported`,
    inputs > 0 && `${inputs === 1 ? 'the bad input was' : `all ${inputs} bad inputs were`} refused with nothing sent`,
    faults > 0 && `${faults === 1 ? 'the fault' : `all ${faults} faults`} ended in a sentence with Retry that recovered`,
  ].filter(Boolean);
  return `Nothing lost: ${claims.join('; ')} (${records.length} cases, all passed).`;
}

export function renderReliability(records: ReliabilityRecord[], date: string): string {
  const faults = records.filter((r) => r.area === 'fault');
  return [
    '# Reliability',
    '',
    `Written by \`npm test\` from what its tests tried (\`test-results/reliability.jsonl\`); do not edit by hand. Last run: ${date}.`,
    '',
    '## Faults × places',
    '',
    'Each fault of the fake Mailgun server, injected where the extension meets it, in a real VS Code extension host',
    '(test/integration/fault-matrix.test.ts). Passed means: the failure ends as a sentence (no stack, JSON, HTML,',
    '"undefined" or key) with Retry, Retry recovers once the fault is gone, a failed change leaves the tree showing',
    "what the server has, and no promise rejection goes unhandled.",
    '',
    ...faultTable(faults),
    '',
    '## Bad inputs',
    '',
    ...groupTable(records.filter((r) => r.area === 'bad input'), 'No bad input was recorded in this run.'),
    '',
    '## Round trips',
    '',
    ...groupTable(records.filter((r) => r.area === 'round trip'), 'No round trip was recorded in this run.'),
    '',
    '## Nothing lost',
    '',
    nothingLost(records),
    '',
  ].join('\n');
}

/** Writes RELIABILITY.md at the repository root from this run's records; false when there were none. */
export function writeReliabilityReport(repoRoot: string, file = join(repoRoot, 'test-results', 'reliability.jsonl')): boolean {
  const records = readRecords(file);
  if (records.length === 0) return false;
  writeFileSync(join(repoRoot, 'RELIABILITY.md'), renderReliability(records, new Date().toISOString().slice(0, 10)));
  return true;
}
