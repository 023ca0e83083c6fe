import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { RerenderWhenQuiet, type Renderer } from '../../src/tree/rerender-when-quiet';
import type { TreeNode } from '../../src/tree/node';

function node(id: string, parent?: TreeNode): TreeNode {
  return { id, parent, getTreeItem: () => ({}) };
}

function renderer(stale: Set<TreeNode>): Renderer & { refreshed: string[] } {
  const refreshed: string[] = [];
  return { refreshed, isStale: (n) => stale.has(n), refresh: (n) => refreshed.push(n.id) };
}

describe('RerenderWhenQuiet', () => {
  // The quiet period runs on mocked timers: tick() moves time on by exactly what it is given.
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());
  const tick = (ms: number) => mock.timers.tick(ms);

  test('re-renders a changed row once the tree is quiet, and only rows that changed', () => {
    const a = node('a');
    const b = node('b');
    const r = renderer(new Set([a]));
    const updates = new RerenderWhenQuiet(r, 10);
    updates.changed(a, b, undefined);
    assert.deepEqual(r.refreshed, [], 'not synchronously');
    tick(9);
    assert.deepEqual(r.refreshed, [], 'not before the quiet period is over');
    tick(1);
    assert.deepEqual(r.refreshed, ['a']);
    tick(100);
    assert.deepEqual(r.refreshed, ['a'], 'once');
  });

  test('waits while any load is in flight', async () => {
    const a = node('a');
    const r = renderer(new Set([a]));
    const updates = new RerenderWhenQuiet(r, 10);
    let finish!: () => void;
    const load = updates.during(() => new Promise<void>((resolve) => (finish = resolve)));
    updates.changed(a);
    tick(100);
    assert.deepEqual(r.refreshed, [], 'a child is still loading');
    finish();
    await load;
    tick(9);
    assert.deepEqual(r.refreshed, [], 'the quiet period starts when the load ends');
    tick(1);
    assert.deepEqual(r.refreshed, ['a']);
  });

  test('a failed load still counts as finished', async () => {
    const a = node('a');
    const r = renderer(new Set([a]));
    const updates = new RerenderWhenQuiet(r, 10);
    await assert.rejects(updates.during(() => Promise.reject(new Error('boom'))), /boom/);
    updates.changed(a);
    tick(10);
    assert.deepEqual(r.refreshed, ['a']);
  });

  test('a row under another changed row is re-rendered with it, not twice', () => {
    const parent = node('p');
    const child = node('c', parent);
    const r = renderer(new Set([parent, child]));
    const updates = new RerenderWhenQuiet(r, 10);
    updates.changed(child, parent);
    tick(10);
    assert.deepEqual(r.refreshed, ['p']);
  });

  test('dispose drops what was pending', () => {
    const a = node('a');
    const r = renderer(new Set([a]));
    const updates = new RerenderWhenQuiet(r, 10);
    updates.changed(a);
    updates.dispose();
    tick(100);
    assert.deepEqual(r.refreshed, []);
  });
});
