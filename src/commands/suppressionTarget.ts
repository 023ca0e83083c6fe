import * as vscode from 'vscode';
import type { SuppressionListName } from '../mailgun';
import type { Services } from '../services';
import { ancestorOf } from '../tree/ancestors';
import type { TreeNode } from '../tree/node';
import { SUPPRESSION_LISTS, suppressionTitles } from '../tree/suppressionKinds';
import { SuppressionListNode } from '../tree/suppressionListNode';
import type { DomainTarget } from '../ui/pickers';
import { resolveDomain } from './targets';

/** One suppression list of one domain, and its node in the tree when the tree shows it. */
export interface ListTarget extends DomainTarget {
  kind: SuppressionListName;
  node?: SuppressionListNode;
  /** The node's address prefix filter, if any. */
  filter?: string;
}

async function pickList(title: string): Promise<SuppressionListName | undefined> {
  const picked = await vscode.window.showQuickPick(
    SUPPRESSION_LISTS.map((kind) => ({ label: suppressionTitles[kind].plural, list: kind })),
    { title, placeHolder: 'Choose a suppression list' },
  );
  return picked?.list;
}

/** The list a command acts on: the node's (or its entry's), or a domain and list picked in the palette. */
export async function listTarget(services: Services, node: unknown, title: string): Promise<ListTarget | undefined> {
  const list = ancestorOf(node as TreeNode | undefined, SuppressionListNode);
  if (list) {
    const d = list.parent;
    return { account: d.account, region: d.region, domainName: d.domainName, kind: list.kind, node: list, filter: list.filter };
  }
  const domain = await resolveDomain(services, node, title);
  const kind = domain && (await pickList(`${title} (${domain.domainName})`));
  if (!domain || !kind) return undefined;
  const listNode = domain.node?.getChildren().find((c): c is SuppressionListNode => c instanceof SuppressionListNode && c.kind === kind);
  return { ...domain, kind, node: listNode };
}

const LIST_NAMES: Record<SuppressionListName, string> = {
  bounces: 'the bounce list',
  unsubscribes: 'the unsubscribe list',
  complaints: 'the complaint list',
  allowlist: 'the allowlist',
};

/** "the bounce list of mg.example.com", for sentences. */
export function listName(t: ListTarget): string {
  return `${LIST_NAMES[t.kind]} of ${t.domainName}`;
}
