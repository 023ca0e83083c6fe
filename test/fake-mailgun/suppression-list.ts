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
  /** Serialised records, filled on first read: a 1,000-item page is then a string join, not 1,000 stringifies. */
  private json = new Map<string, string>();

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
    this.json.delete(key);
    return record;
  }

  /** Call after mutating a stored record in place. */
  changed(record: T): void {
    this.json.delete(this.keyOf(record).toLowerCase());
  }

  /** Fast path for seeds: appends many records, then sorts once. */
  putMany(records: Iterable<T>): void {
    for (const r of records) {
      const key = this.keyOf(r).toLowerCase();
      if (!this.records.has(key)) this.keys.push(key);
      this.records.set(key, r);
      this.json.delete(key);
    }
    this.keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  delete(key: string): T | undefined {
    const k = key.toLowerCase();
    const record = this.records.get(k);
    if (record === undefined) return undefined;
    this.records.delete(k);
    this.json.delete(k);
    this.keys.splice(this.lowerBound(k), 1);
    return record;
  }

  clear(): void {
    this.keys = [];
    this.records.clear();
    this.json.clear();
  }

  /**
   * The page Mailgun returns for `page` (`next` | `previous` | `last` | none = first) and `address`, as a
   * JSON array text, plus its first and last records (for the paging cursors).
   */
  pageJson(q: PageQuery): { json: string; first?: T; last?: T } {
    const [start, end] = this.range(q);
    const parts: string[] = [];
    for (let i = start; i < end; i++) {
      const key = this.keys[i];
      let text = this.json.get(key);
      if (text === undefined) this.json.set(key, (text = JSON.stringify(this.records.get(key))));
      parts.push(text);
    }
    const at = (i: number): T | undefined => (start < end ? this.records.get(this.keys[i]) : undefined);
    return { json: `[${parts.join(',')}]`, first: at(start), last: at(end - 1) };
  }

  private range(q: PageQuery): [number, number] {
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
    return [start, Math.max(start, end)];
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
