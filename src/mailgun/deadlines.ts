/**
 * Stops what outlives its time, with one timer for all of it. A timer per request, set and cleared, cost several
 * microseconds each (Node keeps a list per duration and drops it when it empties); here a request adds and removes a
 * set entry, and the one timer is moved only when an earlier deadline comes in.
 */
export class Deadlines {
  private readonly pending = new Set<Deadline>();
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Infinity;

  /** Calls `stop` once `ms` have passed, unless the returned entry is removed first. */
  add(ms: number, stop: () => void): Deadline {
    const entry: Deadline = { at: performance.now() + ms, stop };
    this.pending.add(entry);
    if (entry.at < this.armedFor) this.arm(entry.at);
    else this.timer?.ref();
    return entry;
  }

  remove(entry: Deadline): void {
    // An idle timer must not keep a process alive that has nothing else to do.
    if (this.pending.delete(entry) && this.pending.size === 0) this.timer?.unref();
  }

  private arm(at: number): void {
    clearTimeout(this.timer);
    this.armedFor = at;
    this.timer = setTimeout(() => this.fire(), Math.max(0, at - performance.now()));
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = performance.now();
    let next = Infinity;
    for (const entry of this.pending) {
      if (entry.at <= now) {
        this.pending.delete(entry);
        entry.stop();
      } else if (entry.at < next) next = entry.at;
    }
    if (next !== Infinity) this.arm(next);
  }
}

export interface Deadline {
  readonly at: number;
  readonly stop: () => void;
}
