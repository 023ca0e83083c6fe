import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { env, l10n } from 'vscode';
import type * as z from 'zod/mini';
import type { Services } from '../services';
import type { TreeNode } from '../tree/node';
import type { TreeScope } from '../tree/scope';
import { isUserCancelled, type UserInput } from '../ui/input';
import { reportFailure, reportOutcome, reportRefusal } from '../ui/notify';
import { isTreeNode } from './targets';

/** What the wrapper says when a handler throws; the handler fills it in as it learns more. */
export interface ErrorHandling {
  /** Starts the sentence in the log, e.g. "Delete Domain mg.example.com". The command's title until set. */
  action: string;
  /** Said after the error's sentence, e.g. "No file was written."; a function words it for the error. */
  hint?: string | ((err: unknown) => string | undefined);
  /** Offered as a Retry button; leave unset when running the same action again makes no sense. */
  retry?: () => unknown;
  /** A change may have gone through before it failed or was cancelled: what the tree shows of this reloads, so it shows the truth. */
  affected?: TreeScope;
  /** Said when the user presses Cancel on a progress, e.g. "Export cancelled: no file was written."; a dismissed prompt stays silent. */
  cancelled?: string;
}

/** What every handler gets: the services, the prompts to ask through, and the error handling it may fill. */
export interface CommandContext extends Services {
  ui: UserInput;
  errorHandling: ErrorHandling;
}

/** Every command: run from the palette (`target` undefined) or from an explorer item (`target` that item). */
export type Handler = (ctx: CommandContext, target?: TreeNode) => unknown;

/**
 * A command that other code may also run with a plain object instead of an explorer item (e.g. a panel's button
 * opening the Logs panel on one recipient). The wrapper checks that object with `argument` before `run` sees it.
 */
export interface TakesArgument {
  /** Checks the plain object; what it returns is what `run` gets. */
  argument: z.ZodMiniType;
  /** How the object looks, for the sentence that refuses a wrong one, e.g. "{ accountId, region, domain? }". */
  shape: string;
  run: (ctx: CommandContext, target: unknown) => unknown;
}

/** What the registry holds for a command: its handler, or a handler that also takes a checked plain object. */
export type Command = Handler | TakesArgument;

/** A handler that also takes a plain object `argument` accepts (it is given the checked value). */
export function takesArgument<S extends z.ZodMiniType>(argument: S, shape: string, run: (ctx: CommandContext, target?: TreeNode | z.output<S>) => unknown): TakesArgument {
  return { argument, shape, run: (ctx, target) => run(ctx, target as TreeNode | z.output<S> | undefined) };
}

let manifestTexts: Record<string, string> | undefined;

/**
 * The texts of package.nls.json, overlaid with package.nls.<language>.json when there is one. VS Code localises
 * the manifest it shows, but the `packageJSON` an extension reads may still hold the `%key%` placeholders.
 */
function manifestText(services: Services, key: string): string | undefined {
  if (!manifestTexts) {
    const read = (name: string): Record<string, string> => {
      try {
        return JSON.parse(readFileSync(join(services.context.extensionPath, name), 'utf8')) as Record<string, string>;
      } catch {
        return {};
      }
    };
    manifestTexts = { ...read('package.nls.json'), ...(env.language === 'en' ? {} : read(`package.nls.${env.language}.json`)) };
  }
  return manifestTexts[key];
}

/** The palette title of a command, without the trailing "…", for the sentences that name it. */
function titleOf(services: Services, id: string): string {
  const manifest = services.context.extension.packageJSON as { contributes?: { commands?: Array<{ command: string; title: string }> } };
  const title = manifest.contributes?.commands?.find((c) => c.command === id)?.title;
  const key = title && /^%(.+)%$/.exec(title)?.[1];
  return (key ? manifestText(services, key) : title)?.replace(/…$/, '') ?? id;
}

/**
 * Wraps `command` for `id`: refuses an argument that is not an explorer item (or, for a command that takes one,
 * a plain object its schema accepts), logs the run, and turns what the handler throws into the sentence the user
 * reads (a dismissed prompt ends silently). Returns the handler's result, or undefined when it threw.
 */
export function wrapCommand(services: Services, id: string, command: Command): (target?: unknown) => Promise<unknown> {
  const title = titleOf(services, id);
  const run = typeof command === 'function' ? command : command.run;
  return async (target?: unknown) => {
    let given: unknown = target;
    if (target !== undefined && !isTreeNode(target)) {
      const checked = typeof command === 'function' ? undefined : command.argument.safeParse(target);
      if (!checked?.success) {
        if (checked) services.log.debug(`${id}: argument refused: ${checked.error.issues.map((i) => `${i.path.join('.') || 'argument'}: ${i.message}`).join('; ')}`);
        reportRefusal(
          services.log,
          typeof command === 'function'
            ? l10n.t('"{0}" was run with something that is not an item of the Mailgun explorer, so it did nothing. Run it from the explorer or the Command Palette.', title)
            : l10n.t('"{0}" was run with something that is neither an item of the Mailgun explorer nor {1}, so it did nothing. Run it from the explorer or the Command Palette.', title, command.shape),
        );
        return undefined;
      }
      given = checked.data;
    }
    services.log.debug(`Command ${id}${isTreeNode(given) ? ` on ${given.id}` : given ? ' with an argument' : ''}`);
    return runHandled(services, title, (ctx) => run(ctx, given as TreeNode | undefined));
  };
}

/** Runs `work` with a fresh context, and says what it throws as the wrapper does. */
async function runHandled(services: Services, action: string, work: (ctx: CommandContext) => unknown): Promise<unknown> {
  const ctx: CommandContext = { ...services, ui: services.input.current, errorHandling: { action } };
  try {
    return await work(ctx);
  } catch (err) {
    const { hint, retry, affected, cancelled } = ctx.errorHandling;
    if (isUserCancelled(err)) {
      // The tests' bundle has its own copy of the class: read `how` as data.
      if ((err as { how?: string }).how !== 'progress') services.log.debug(`${action}: a prompt was dismissed.`);
      else {
        if (affected) services.tree.invalidate(affected);
        if (cancelled) reportOutcome(services.log, 'info', cancelled);
        else services.log.info(`${ctx.errorHandling.action}: cancelled.`);
      }
      return undefined;
    }
    if (affected) services.tree.invalidate(affected);
    reportFailure(services.log, ctx.errorHandling.action, err, { hint: typeof hint === 'function' ? hint(err) : hint, retry });
    return undefined;
  }
}

/** A Retry that runs `work` again (asking again where it asks) with the same error handling as a command run. */
export function again(ctx: CommandContext, work: (ctx: CommandContext) => unknown): () => Promise<unknown> {
  return () => runHandled(ctx, ctx.errorHandling.action, work);
}
