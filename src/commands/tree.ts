import * as vscode from 'vscode';
import type { Services } from '../services';
import { ErrorNode } from '../tree/errorNode';
import { LoadMoreNode } from '../tree/loadMoreNode';
import type { TreeNode } from '../tree/node';
import { RegionNode } from '../tree/regionNode';
import { SuppressionListNode } from '../tree/suppressionListNode';
import { suppressionTitles } from '../tree/suppressionKinds';
import { registerCopyCommands } from './copy';
import { nodeOfKind, refusedArgument } from './targets';

type Resettable = TreeNode & { reset?(): void };

const FILTERABLE = 'a region or a suppression list';

/** The list a Filter command acts on, or undefined (said) when it was run on anything else. */
function filterable(services: Services, node: unknown, title: string): RegionNode | SuppressionListNode | undefined {
  return node instanceof SuppressionListNode ? node : nodeOfKind(services, node, RegionNode, title, FILTERABLE);
}

async function askFilter(node: RegionNode | SuppressionListNode, value?: string): Promise<string | undefined> {
  if (value !== undefined) return value;
  const domains = node instanceof RegionNode;
  return vscode.window.showInputBox({
    title: domains ? 'Filter Domains' : `Filter ${suppressionTitles[node.kind].plural}`,
    prompt: domains ? 'Show domains whose name contains this text (Mailgun search; no wildcards). Empty shows all.' : 'Show addresses that start with this text. Empty shows all.',
    value: node.filter ?? '',
    validateInput: (v) => (/[*?]/.test(v) ? 'Mailgun matches plain text: leave out * and ?.' : /\s/.test(v.trim()) ? 'A filter has no spaces.' : undefined),
  });
}

export function registerTreeCommands(services: Services): vscode.Disposable[] {
  const { tree, log } = services;
  return [
    vscode.commands.registerCommand('mailgun.refresh', async (node?: Resettable) => {
      if (refusedArgument(services, node, 'Refresh')) return;
      if (node) {
        node.reset?.();
        tree.refresh(node);
        return;
      }
      for (const root of await tree.getChildren()) (root as Resettable).reset?.();
      tree.refresh();
    }),
    vscode.commands.registerCommand('mailgun.loadMore', (arg: unknown) => nodeOfKind(services, arg, LoadMoreNode, 'Load More', 'a "Load more…" item')?.parent.loadMore()),
    vscode.commands.registerCommand('mailgun.retry', (arg: unknown) => nodeOfKind(services, arg, ErrorNode, 'Retry', 'an error')?.parent.retry()),
    vscode.commands.registerCommand('mailgun.showLogs', () => log.show()),
    vscode.commands.registerCommand('mailgun.filter', async (arg: unknown, value?: unknown) => {
      const node = filterable(services, arg, 'Filter');
      if (!node) return;
      const filter = await askFilter(node, typeof value === 'string' ? value : undefined);
      if (filter === undefined) return;
      node.setFilter(filter.trim());
      tree.refresh(node);
    }),
    vscode.commands.registerCommand('mailgun.clearFilter', (arg: unknown) => {
      const node = filterable(services, arg, 'Clear Filter');
      if (!node) return;
      node.setFilter(undefined);
      tree.refresh(node);
    }),
    ...registerCopyCommands(services),
  ];
}
