import type { Account } from '../accounts/account-store';
import type { MailgunClient, Region } from '../mailgun';
import type { TreeContext } from './context';
import { ListNode } from './list-node';
import type { TreeNode } from './node';
import type { TreeScope } from './scope';

/** A domain or a region: what the lists below it load with. */
interface ListParent extends TreeNode {
  readonly account: Account;
  readonly region: Region;
  readonly scope: TreeScope;
}

/** A list below a domain or a region, loaded with its parent's account and region; its id is the parent's plus `idSuffix`. */
export abstract class ChildListNode<P extends ListParent, T extends TreeNode, C = never> extends ListNode<T, C> {
  readonly id: string;

  constructor(
    readonly parent: P,
    ctx: TreeContext,
    private readonly idSuffix: string,
  ) {
    super(ctx);
    this.id = `${parent.id}/${idSuffix}`;
  }

  /** The parent's, with the list's id suffix as the part ("webhooks", "alerts", "bounces"…). */
  get scope(): TreeScope {
    return { ...this.parent.scope, part: this.idSuffix };
  }

  protected get accountId(): string {
    return this.parent.account.id;
  }

  protected client(): Promise<MailgunClient> {
    return this.ctx.clients.get(this.parent.account.id, this.parent.region, this.parent.account.subaccount?.id);
  }
}
