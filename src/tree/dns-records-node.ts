import * as vscode from 'vscode';
import { ChildListNode } from './child-list-node';
import type { TreeContext } from './context';
import { DnsRecordNode } from './dns-record-node';
import type { DomainNode } from './domain-node';
import type { Page } from './paged-list';
import * as l10n from '../mailgun/l10n';

/** The domain's sending and receiving DNS records, from one GET /v4/domains/{name}. */
export class DnsRecordsNode extends ChildListNode<DomainNode, DnsRecordNode> {
  constructor(parent: DomainNode, ctx: TreeContext) {
    super(parent, ctx, 'dns');
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(l10n.t('DNS records'), vscode.TreeItemCollapsibleState.Collapsed);
    const records = this.list.items;
    if (this.list.loaded && records.length > 0) {
      const valid = records.filter((r) => r.record.valid === 'valid').length;
      const checked = records.filter((r) => r.record.valid === 'valid' || r.record.valid === 'invalid').length;
      // "0 of 5 valid" for records Mailgun has not looked at yet would read as five failures.
      item.description =
        checked === 0
          ? records.length === 1
            ? l10n.t('1 record, not checked yet — Verify DNS')
            : l10n.t('{0} records, not checked yet — Verify DNS', records.length)
          : l10n.t('{0} of {1} valid', valid, records.length);
    }
    item.iconPath = new vscode.ThemeIcon('symbol-namespace');
    item.contextValue = 'mailgun.dnsRecords';
    item.tooltip = l10n.t('DNS records Mailgun expects for {0}', this.parent.domainName);
    return item;
  }

  protected async fetchPage(_cursor: undefined, signal: AbortSignal): Promise<Page<DnsRecordNode, never>> {
    const client = await this.client();
    const detail = await client.domains.get(this.parent.domainName, { signal });
    this.parent.domain = { ...this.parent.domain, ...detail.domain };
    return {
      items: [
        ...detail.sending_dns_records.map((r, i) => new DnsRecordNode(this, 'sending', i, r)),
        ...detail.receiving_dns_records.map((r, i) => new DnsRecordNode(this, 'receiving', i, r)),
      ],
    };
  }

  protected emptyMessage(): string {
    return l10n.t('Mailgun lists no DNS records for this domain.');
  }
}
