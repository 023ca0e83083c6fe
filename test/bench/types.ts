/** One measured number. `baseline` is a reference measured side by side in the same run. */
export interface BenchRow {
  name: string;
  value: number | string;
  unit?: string;
  baseline?: { name: string; value: number | string };
  goal?: string;
  /** Whether the goal was met; leave undefined when there is no goal. */
  met?: boolean;
}

export interface BenchSection {
  title: string;
  rows: BenchRow[];
  notes?: string[];
}

/** A benchmark module (test/bench/*.bench.ts) default-exports one of these. */
export type Bench = () => Promise<BenchSection>;
