// What the reliability tests tried, one JSON object per line in test-results/reliability.jsonl: faults at each place
// of the UI, bad inputs, round trips. Any test (in-host or unit; no vscode import here) appends records;
// test/host/reliability-report.ts renders RELIABILITY.md from them after the steps of `npm test`.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ReliabilityRecord {
  /** 'fault' (a fault of the fake injected at a place of the UI), 'bad input' (refused, nothing sent), 'round trip' (nothing lost). */
  area: 'fault' | 'bad input' | 'round trip';
  /** What was tried, unique within its area. */
  case: string;
  outcome: 'passed' | 'failed';
  /** Faults: where in the UI, and which fault. */
  place?: string;
  fault?: string;
  /** Bad inputs: the kind of value, e.g. "email address"; round trips: the list. */
  group?: string;
}

/** Beside the in-host runner's results file when there is one, else test-results/ under the working directory (npm runs at the root). */
export function reliabilityFile(): string {
  const results = process.env.MAILGUN_TEST_RESULTS;
  return join(results ? dirname(results) : join(process.cwd(), 'test-results'), 'reliability.jsonl');
}

export function recordReliability(record: ReliabilityRecord): void {
  const file = reliabilityFile();
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(record)}\n`);
}

/** Runs a test's body and records whether it passed; a failure still fails the test. */
export async function recorded<T>(record: Omit<ReliabilityRecord, 'outcome'>, body: () => Promise<T>): Promise<T> {
  try {
    const value = await body();
    recordReliability({ ...record, outcome: 'passed' });
    return value;
  } catch (err) {
    recordReliability({ ...record, outcome: 'failed' });
    throw err;
  }
}
