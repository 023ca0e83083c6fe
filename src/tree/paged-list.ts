/** One page of a list as a tree node loads it. `next` is the cursor of the following page, absent at the end. */
export interface Page<T, C> {
  items: T[];
  next?: C;
  total?: number;
}

export type PageFetcher<T, C> = (cursor: C | undefined, signal: AbortSignal) => Promise<Page<T, C>>;

/**
 * The paging state a list node owns: pages loaded so far (kept until reset, so collapsing and expanding
 * costs nothing), the cursor of the next page, and a lock so that a double click loads one page only.
 * reset() aborts what is in flight.
 */
export class PagedList<T, C> {
  items: T[] = [];
  total: number | undefined;
  error: unknown;
  private next: C | undefined;
  private started = false;
  private done = false;
  private inFlight: Promise<void> | undefined;
  private controller = new AbortController();

  private readonly seen = new Set<string>();

  /** `keyOf` names an item so that one repeated by the API across pages shows once. */
  constructor(
    private readonly fetchPage: PageFetcher<T, C>,
    private readonly keyOf: (item: T) => string,
  ) {}

  get loaded(): boolean {
    return this.started && this.inFlight === undefined && this.error === undefined;
  }

  get hasMore(): boolean {
    return this.started && !this.done;
  }

  /** Loads the first page unless it is loaded or loading; after a failure, loads the failed page again. */
  ensureFirstPage(): Promise<void> {
    if (this.started && this.error === undefined) return this.inFlight ?? Promise.resolve();
    this.started = true;
    return this.load();
  }

  /** Loads the next page; a second call while one is loading waits for the same page. */
  loadMore(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (!this.started) return this.ensureFirstPage();
    if (this.done) return Promise.resolve();
    return this.load();
  }

  /** Forgets everything and cancels a load in flight. */
  reset(): void {
    this.controller.abort();
    this.controller = new AbortController();
    this.items = [];
    this.seen.clear();
    this.total = undefined;
    this.error = undefined;
    this.next = undefined;
    this.started = false;
    this.done = false;
    this.inFlight = undefined;
  }

  private load(): Promise<void> {
    const controller = this.controller;
    this.error = undefined;
    const run = (async () => {
      try {
        const page = await this.fetchPage(this.next, controller.signal);
        if (controller.signal.aborted) return;
        for (const item of page.items) {
          const key = this.keyOf(item);
          if (this.seen.has(key)) continue;
          this.seen.add(key);
          this.items.push(item);
        }
        this.total = page.total ?? this.total;
        this.next = page.next;
        this.done = page.next === undefined;
      } catch (err) {
        if (!controller.signal.aborted) this.error = err;
      } finally {
        if (this.controller === controller) this.inFlight = undefined;
      }
    })();
    this.inFlight = run;
    return run;
  }
}
