import type { Services } from '../services';
import type { TreeScope } from '../tree/scope';
import { reportFailure } from '../ui/notify';
import { reload } from './targets';

/**
 * A change (delete, clear, import) that failed once its request was sent may still have been applied: a
 * connection lost after Mailgun acted, a 5xx after the write. The affected list (or the parent of what was
 * changed) reloads so the tree shows the truth, and the failure is said with Retry, which runs `retry`.
 */
export function reportFailedChange(services: Services, action: string, err: unknown, affected: TreeScope, retry: () => unknown): void {
  reload(services, affected);
  reportFailure(services.log, action, err, { retry });
}
