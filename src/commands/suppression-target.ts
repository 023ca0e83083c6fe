import { l10n } from 'vscode';
import type { SuppressionListName } from '../mailgun';
import { ancestorOf } from '../tree/ancestors';
import type { TreeNode } from '../tree/node';
import type { TreeScope } from '../tree/scope';
import { SUPPRESSION_LISTS, suppressionTitle } from '../tree/suppression-kinds';
import { SuppressionListNode } from '../tree/suppression-list-node';
import type { DomainTarget } from '../ui/pickers';
import type { CommandContext } from './register';
import { domainOf, scopeOf } from './targets';

/** One suppression list of one domain, and the part of the explorer showing it. */
export interface ListTarget extends DomainTarget {
  kind: SuppressionListName;
  scope: TreeScope;
  /** The node's address prefix filter, if any. */
  filter?: string;
}

/** The list a command acts on: the node's (or its entry's), or a domain and list picked in the palette. */
export async function listTarget(ctx: CommandContext, target: TreeNode | undefined, title: string): Promise<ListTarget> {
  const list = ancestorOf(target, SuppressionListNode);
  if (list) {
    const d = list.parent;
    return { account: d.account, region: d.region, domainName: d.domainName, kind: list.kind, scope: list.scope, filter: list.filter };
  }
  const domain = await domainOf(ctx, target, title);
  const { list: kind } = await ctx.ui.pick(
    SUPPRESSION_LISTS.map((k) => ({ label: suppressionTitle(k).plural, list: k })),
    { title: `${title} (${domain.domainName})`, placeHolder: l10n.t('Choose a suppression list') },
  );
  return { account: domain.account, region: domain.region, domainName: domain.domainName, domain: domain.domain, kind, scope: scopeOf(domain, kind) };
}

const LIST_NAMES: Record<SuppressionListName, (domainName: string) => string> = {
  bounces: (d) => l10n.t('the bounce list of {0}', d),
  unsubscribes: (d) => l10n.t('the unsubscribe list of {0}', d),
  complaints: (d) => l10n.t('the complaint list of {0}', d),
  allowlist: (d) => l10n.t('the allowlist of {0}', d),
};

/** "the bounce list of mg.example.com", for sentences. */
export function listName(t: ListTarget): string {
  return LIST_NAMES[t.kind](t.domainName);
}
