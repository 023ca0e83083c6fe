// One suppression list of one domain: records kept in alphabetical key order so that paging by the
// `address` cursor (mailgun-api.md §7.2) is a binary search, even with 100,000 entries.

export interface PageQuery {
  limit: number;
  term: string;
  page?: string;
  address?: string;
}

export class SuppressionList<T> {
  private keys: string[] = [];
  private records = new Map<string, T>();

  constructor(readonly keyOf: (record: T) => string) {}

  get size(): number {
    return this.keys.length;
  }

  get(key: string): T | undefined {
    return this.records.get(key.toLowerCase());
  }

  /** Inserts or replaces; returns the stored record. */
  put(record: T): T {
    const key = this.keyOf(record).toLowerCase();
    if (!this.records.has(key)) this.keys.splice(this.lowerBound(key), 0, key);
    this.records.set(key, record);
    return record;
  }

  /** Fast path for seeds: appends many records, then sorts once. */
  putMany(records: Iterable<T>): void {
    for (const r of records) {
      const key = this.keyOf(r).toLowerCase();
      if (!this.records.has(key)) this.keys.push(key);
      this.records.set(key, r);
    }
    this.keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  delete(key: string): T | undefined {
    const k = key.toLowerCase();
    const record = this.records.get(k);
    if (record === undefined) return undefined;
    this.records.delete(k);
    this.keys.splice(this.lowerBound(k), 1);
    return record;
  }

  clear(): void {
    this.keys = [];
    this.records.clear();
  }

  /** The page Mailgun returns for `page` (`next` | `previous` | `last` | none = first) and `address`. */
  page(q: PageQuery): T[] {
    const term = q.term.toLowerCase();
    const from = this.lowerBound(term);
    const to = term === '' ? this.keys.length : this.lowerBound(term + '\uffff');
    let start = from;
    let end = Math.min(to, from + q.limit);
    const cursor = (q.address ?? '').toLowerCase();
    if (q.page === 'next' && q.address !== undefined) {
      start = Math.max(from, this.upperBound(cursor));
      end = Math.min(to, start + q.limit);
    } else if (q.page === 'previous' && q.address !== undefined) {
      end = Math.min(to, this.lowerBound(cursor));
      start = Math.max(from, end - q.limit);
    } else if (q.page === 'last') {
      end = to;
      start = Math.max(from, to - q.limit);
    }
    const out: T[] = [];
    for (let i = start; i < end; i++) out.push(this.records.get(this.keys[i])!);
    return out;
  }

  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private upperBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid] <= key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
