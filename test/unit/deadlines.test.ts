import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Deadlines } from '../../src/mailgun/deadlines';

describe('Deadlines (one timer for every attempt)', () => {
  test('stops an entry once its time has passed, not before', async () => {
    const deadlines = new Deadlines();
    const added = performance.now();
    const stoppedAt = await new Promise<number>((resolve) => deadlines.add(30, () => resolve(performance.now())));
    // setTimeout may wake a fraction of a millisecond early on its coarser clock: the entry must still wait its time.
    assert.ok(stoppedAt - added >= 30, `stopped after ${stoppedAt - added} ms`);
  });

  test('a removed entry is never stopped, and the others still are', async () => {
    const deadlines = new Deadlines();
    const stopped: string[] = [];
    const removed = deadlines.add(10, () => stopped.push('removed'));
    deadlines.remove(removed);
    await new Promise<void>((resolve) => deadlines.add(40, () => resolve()));
    assert.deepEqual(stopped, []);
  });

  test('an earlier deadline added later still stops on time (the timer is moved forward)', { timeout: 2000 }, async () => {
    const deadlines = new Deadlines();
    const late = deadlines.add(60_000, () => assert.fail('the late entry must not be stopped'));
    await new Promise<void>((resolve) => deadlines.add(20, () => resolve()));
    deadlines.remove(late);
  });

  test('entries due together are all stopped, and a later one after them', async () => {
    const deadlines = new Deadlines();
    const order: string[] = [];
    const done = new Promise<void>((resolve) => deadlines.add(60, () => (order.push('c'), resolve())));
    deadlines.add(10, () => order.push('a'));
    deadlines.add(10, () => order.push('b'));
    await done;
    assert.deepEqual(order, ['a', 'b', 'c']);
  });
});
