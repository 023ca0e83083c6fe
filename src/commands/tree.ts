import * as vscode from 'vscode';
import type { Services } from '../services';
import type { ErrorNode } from '../tree/errorNode';
import type { LoadMoreNode } from '../tree/loadMoreNode';
import type { TreeNode } from '../tree/node';
import { RegionNode } from '../tree/regionNode';
import { type SuppressionListNode } from '../tree/suppressionListNode';
import { suppressionTitles } from '../tree/suppressionKinds';
import { registerCopyCommands } from './copy';

type Resettable = TreeNode & { reset?(): void };

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
      if (node) {
        node.reset?.();
        tree.refresh(node);
        return;
      }
      for (const root of await tree.getChildren()) (root as Resettable).reset?.();
      tree.refresh();
    }),
    vscode.commands.registerCommand('mailgun.loadMore', (node: LoadMoreNode) => node.parent.loadMore()),
    vscode.commands.registerCommand('mailgun.retry', (node: ErrorNode) => node.parent.retry()),
    vscode.commands.registerCommand('mailgun.showLogs', () => log.show()),
    vscode.commands.registerCommand('mailgun.filter', async (node: RegionNode | SuppressionListNode, value?: string) => {
      const filter = await askFilter(node, value);
      if (filter === undefined) return;
      node.setFilter(filter.trim());
      tree.refresh(node);
    }),
    vscode.commands.registerCommand('mailgun.clearFilter', (node: RegionNode | SuppressionListNode) => {
      node.setFilter(undefined);
      tree.refresh(node);
    }),
    ...registerCopyCommands(services),
  ];
}
