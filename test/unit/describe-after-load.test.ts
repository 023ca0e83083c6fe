import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeAfterLoad, type Renderer } from '../../src/tree/describeAfterLoad';
import type { TreeNode } from '../../src/tree/node';

function node(id: string, parent?: TreeNode): TreeNode {
  return { id, parent, getTreeItem: () => ({}) };
}

function renderer(stale: Set<TreeNode>): Renderer & { refreshed: string[] } {
  const refreshed: string[] = [];
  return { refreshed, isStale: (n) => stale.has(n), refresh: (n) => refreshed.push(n.id) };
}

describe('DescribeAfterLoad', () => {
  test('re-renders a changed row once the tree is quiet, and only rows that changed', async () => {
    const a = node('a');
    const b = node('b');
    const r = renderer(new Set([a]));
    const updates = new DescribeAfterLoad(r, 10);
    updates.changed(a, b, undefined);
    assert.deepEqual(r.refreshed, [], 'not synchronously');
    await sleep(40);
    assert.deepEqual(r.refreshed, ['a']);
    await sleep(40);
    assert.deepEqual(r.refreshed, ['a'], 'once');
  });

  test('waits while any load is in flight', async () => {
    const a = node('a');
    const r = renderer(new Set([a]));
    const updates = new DescribeAfterLoad(r, 10);
    let finish!: () => void;
    const load = updates.during(() => new Promise<void>((resolve) => (finish = resolve)));
    updates.changed(a);
    await sleep(40);
    assert.deepEqual(r.refreshed, [], 'a child is still loading');
    finish();
    await load;
    await sleep(40);
    assert.deepEqual(r.refreshed, ['a']);
  });

  test('a failed load still counts as finished', async () => {
    const a = node('a');
    const r = renderer(new Set([a]));
    const updates = new DescribeAfterLoad(r, 10);
    await assert.rejects(updates.during(() => Promise.reject(new Error('boom'))), /boom/);
    updates.changed(a);
    await sleep(40);
    assert.deepEqual(r.refreshed, ['a']);
  });

  test('a row under another changed row is re-rendered with it, not twice', async () => {
    const parent = node('p');
    const child = node('c', parent);
    const r = renderer(new Set([parent, child]));
    const updates = new DescribeAfterLoad(r, 10);
    updates.changed(child, parent);
    await sleep(40);
    assert.deepEqual(r.refreshed, ['p']);
  });

  test('dispose drops what was pending', async () => {
    const a = node('a');
    const r = renderer(new Set([a]));
    const updates = new DescribeAfterLoad(r, 10);
    updates.changed(a);
    updates.dispose();
    await sleep(40);
    assert.deepEqual(r.refreshed, []);
  });
});
