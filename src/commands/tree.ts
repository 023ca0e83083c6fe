import { ErrorNode } from '../tree/error-node';
import { LoadMoreNode } from '../tree/load-more-node';
import type { TreeNode } from '../tree/node';
import { RegionNode } from '../tree/region-node';
import { SuppressionListNode } from '../tree/suppression-list-node';
import { suppressionTitle } from '../tree/suppression-kinds';
import type { CommandContext } from './register';
import { nodeOfKind } from './targets';
import { l10n } from 'vscode';

const FILTERABLE = l10n.t('a region or a suppression list');

/** The list a Filter command acts on, or undefined (said) when it was run on anything else. */
function filterable(ctx: CommandContext, node: unknown, title: string): RegionNode | SuppressionListNode | undefined {
  return node instanceof SuppressionListNode ? node : nodeOfKind(ctx, node, RegionNode, title, FILTERABLE);
}

/** On a row: it loads again; from the palette or the view's title: everything does. */
export function refresh(ctx: CommandContext, target?: TreeNode): void {
  if (target) ctx.tree.reload(target);
  else ctx.tree.resetAll();
}

export function loadMore(ctx: CommandContext, target?: TreeNode): unknown {
  return nodeOfKind(ctx, target, LoadMoreNode, l10n.t('Load More'), l10n.t('a "Load more…" item'))?.parent.loadMore();
}

export function retry(ctx: CommandContext, target?: TreeNode): unknown {
  return nodeOfKind(ctx, target, ErrorNode, l10n.t('Retry'), l10n.t('an error'))?.parent.retry();
}

export function showLogs(ctx: CommandContext): void {
  ctx.log.show();
}

export async function filter(ctx: CommandContext, target?: TreeNode): Promise<void> {
  const node = filterable(ctx, target, 'Filter');
  if (!node) return;
  const domains = node instanceof RegionNode;
  const value = await ctx.ui.input({
    title: domains ? l10n.t('Filter Domains') : l10n.t('Filter {0}', suppressionTitle(node.kind).plural),
    prompt: domains ? l10n.t('Show domains whose name contains this text (Mailgun search; no wildcards). Empty shows all.') : l10n.t('Show addresses that start with this text. Empty shows all.'),
    value: node.filter ?? '',
    validateInput: (v) => (/[*?]/.test(v) ? l10n.t('Mailgun matches plain text: leave out * and ?.') : /\s/.test(v.trim()) ? l10n.t('A filter has no spaces.') : undefined),
  });
  node.setFilter(value.trim());
  ctx.tree.refresh(node);
}

export function clearFilter(ctx: CommandContext, target?: TreeNode): void {
  const node = filterable(ctx, target, l10n.t('Clear Filter'));
  if (!node) return;
  node.setFilter(undefined);
  ctx.tree.refresh(node);
}
