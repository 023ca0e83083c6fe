import * as vscode from 'vscode';
import { ChildListNode } from './child-list-node';
import type { TreeContext } from './context';
import { DnsRecordNode } from './dns-record-node';
import type { DomainNode } from './domain-node';
import type { Page } from './paged-list';

/** The domain's sending and receiving DNS records, from one GET /v4/domains/{name}. */
export class DnsRecordsNode extends ChildListNode<DomainNode, DnsRecordNode> {
  constructor(parent: DomainNode, ctx: TreeContext) {
    super(parent, ctx, 'dns');
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('DNS records', vscode.TreeItemCollapsibleState.Collapsed);
    const records = this.list.items;
    if (this.list.loaded && records.length > 0) {
      const valid = records.filter((r) => r.record.valid === 'valid').length;
      const checked = records.filter((r) => r.record.valid === 'valid' || r.record.valid === 'invalid').length;
      // "0 of 5 valid" for records Mailgun has not looked at yet would read as five failures.
      item.description = checked === 0 ? `${records.length} record${records.length === 1 ? '' : 's'}, not checked yet — Verify DNS` : `${valid} of ${records.length} valid`;
    }
    item.iconPath = new vscode.ThemeIcon('symbol-namespace');
    item.contextValue = 'mailgun.dnsRecords';
    item.tooltip = `DNS records Mailgun expects for ${this.parent.domainName}`;
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
    return 'Mailgun lists no DNS records for this domain.';
  }
}
