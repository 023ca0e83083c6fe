import type { TreeNode } from './node';

/** The nearest node of the given class, starting with the node itself. */
export function ancestorOf<T extends TreeNode>(node: TreeNode | undefined, kind: abstract new (...args: never[]) => T): T | undefined {
  for (let n = node; n; n = n.parent) if (n instanceof kind) return n;
  return undefined;
}
