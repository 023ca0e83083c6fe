import type { TreeNode } from './node';

/** What the scheduler needs from the tree provider. */
export interface Renderer {
  /** Whether the node's row, as VS Code last rendered it, differs from what getTreeItem gives now. */
  isStale(node: TreeNode): boolean;
  refresh(node: TreeNode): void;
}

/**
 * Re-renders the rows whose description a load changed (a count, "3 of 5 valid"), once no load has been in
 * flight for a while. Waiting matters: VS Code merges a refresh that arrives while it is still taking in a
 * node's children with that earlier fetch, so the refreshed children are never asked for, and their rows
 * are left empty or with commands that no longer exist ("Actual command not found"). The extension host can't
 * see when the workbench is done, hence the quiet period (a busy machine needed more than 50 ms in e2e runs).
 */
export class RerenderWhenQuiet {
  private loads = 0;
  private readonly pending = new Set<TreeNode>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly renderer: Renderer,
    private readonly quietMs = 400,
  ) {}

  /** Counts `load` as in flight until it settles. */
  async during<T>(load: () => Promise<T>): Promise<T> {
    this.loads++;
    this.cancelTimer();
    try {
      return await load();
    } finally {
      this.loads--;
      this.schedule();
    }
  }

  /** The node's rows may look different now: check them once the tree is quiet. */
  changed(...nodes: (TreeNode | undefined)[]): void {
    for (const node of nodes) if (node) this.pending.add(node);
    this.schedule();
  }

  dispose(): void {
    this.cancelTimer();
    this.pending.clear();
  }

  private schedule(): void {
    this.cancelTimer();
    if (this.loads > 0 || this.pending.size === 0) return;
    this.timer = setTimeout(() => this.flush(), this.quietMs);
  }

  private flush(): void {
    this.timer = undefined;
    if (this.loads > 0) return;
    const nodes = [...this.pending];
    this.pending.clear();
    // A node whose ancestor is refreshed anyway is re-rendered with it.
    const stale = new Set(nodes.filter((n) => this.renderer.isStale(n)));
    for (const node of stale) {
      let up = node.parent;
      while (up && !stale.has(up)) up = up.parent;
      if (!up) this.renderer.refresh(node);
    }
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
