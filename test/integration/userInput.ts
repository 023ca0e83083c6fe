import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { BACK, UserCancelledError, type InputOptions, type StepOptions, type UserInput } from '../../src/ui/input';

/** Dismisses the prompt (Escape). */
export const CANCEL = Symbol('cancel');

/**
 * What a user answers to one prompt: text typed in an input box, the label of the item picked (or a test of
 * it; a list of labels for a many-pick), the button pressed in a confirmation, the file chosen in a dialog,
 * BACK for a step's Back button, or CANCEL.
 */
export type Answer = string | RegExp | readonly string[] | ((item: vscode.QuickPickItem) => boolean) | vscode.Uri | typeof BACK | typeof CANCEL;

/** A prompt got a wrong answer, or no answer was queued for it: the test fails with this. */
class AnswerError extends Error {}

/**
 * Stands in for the user at every prompt of `UserInput`, with a queue of answers. The command's own prompt code
 * runs: typed text goes through its `validateInput`, and an answer it refuses fails the test with its message.
 */
export class TestUserInput implements UserInput {
  /** The title or message of every prompt, in order. */
  readonly asked: string[] = [];
  /** The warnings a box showed for an answer it accepted (an http:// URL, say), in order. */
  readonly warnings: string[] = [];
  /** The kind of every prompt, in order. */
  readonly kinds: Array<'pick' | 'input' | 'confirm' | 'dialog' | 'step'> = [];
  private problem: AnswerError | undefined;

  /**
   * `pressEveryConfirmation`: the button every confirmation gets once the queue is empty, for runs whose number of
   * confirmations depends on what failed (a Retry that finds the change already made asks nothing).
   */
  constructor(
    private readonly answers: Answer[],
    private readonly pressEveryConfirmation?: string,
  ) {}

  private next(prompt: string, kind: TestUserInput['kinds'][number]): Answer {
    this.asked.push(prompt);
    this.kinds.push(kind);
    if (this.answers.length === 0) this.fail(`"${prompt}" was asked, and no answer was queued for it.`);
    const answer = this.answers.shift()!;
    if (answer === CANCEL) throw new UserCancelledError();
    return answer;
  }

  private fail(message: string): never {
    this.problem ??= new AnswerError(message);
    throw this.problem;
  }

  /** Fails when a prompt was answered wrongly or unanswered, or an answer was left unused. */
  check(): void {
    if (this.problem) throw this.problem;
    assert.equal(this.answers.length, 0, `answers left unused: ${this.answers.map(String).join(', ')} (asked: ${this.asked.join(' | ')})`);
  }

  private choose<T extends vscode.QuickPickItem>(prompt: string, items: readonly T[], answer: Answer): T {
    const found = items.find((i) => matches(i, answer));
    if (!found) this.fail(`"${prompt}": no item ${String(answer)} among ${items.map((i) => i.label).join(', ')}.`);
    return found;
  }

  async pick<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: Parameters<UserInput['pick']>[1]): Promise<T> {
    const answer = this.next(options.title, 'pick');
    const loaded = await items;
    if (!loaded.some((i) => matches(i, answer)) && options.search && typeof answer === 'string') return this.choose(options.title, (await options.search(answer, new AbortController().signal)) as T[], answer);
    return this.choose(options.title, loaded, answer);
  }

  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: Parameters<UserInput['pickMany']>[1]): Promise<T[]> {
    const answer = this.next(options.title, 'pick');
    if (!Array.isArray(answer) && typeof answer !== 'function') this.fail(`"${options.title}" picks many: answer a list of labels or a test.`);
    return Promise.resolve(typeof answer === 'function' ? items.filter(answer) : (answer as string[]).map((l) => this.choose(options.title, items, l)));
  }

  input(options: InputOptions): Promise<string> {
    const answer = this.next(options.title, 'input');
    if (typeof answer !== 'string') this.fail(`"${options.title}" is an input box: answer with text, not ${String(answer)}.`);
    const problem = options.validateInput?.(answer);
    const message = typeof problem === 'string' ? problem : problem?.severity === vscode.InputBoxValidationSeverity.Error ? problem.message : undefined;
    if (message) this.fail(`"${options.title}" refused "${answer}": ${message}`);
    if (typeof problem === 'object' && problem.severity === vscode.InputBoxValidationSeverity.Warning) this.warnings.push(problem.message);
    return Promise.resolve(answer);
  }

  confirm(message: string, _detail: string, action: string): Promise<void> {
    if (this.answers.length === 0 && this.pressEveryConfirmation !== undefined) this.answers.push(this.pressEveryConfirmation);
    const answer = this.next(message, 'confirm');
    if (answer !== action) throw new UserCancelledError(); // any other button closes the dialog
    return Promise.resolve();
  }

  openFile(options: vscode.OpenDialogOptions & { title: string }): Promise<vscode.Uri> {
    return Promise.resolve(this.uri(options.title));
  }

  saveFile(options: vscode.SaveDialogOptions & { title: string }): Promise<vscode.Uri> {
    return Promise.resolve(this.uri(options.title));
  }

  private uri(title: string): vscode.Uri {
    const answer = this.next(title, 'dialog');
    if (!(answer instanceof vscode.Uri)) this.fail(`"${title}" is a file dialog: answer with a Uri.`);
    return answer;
  }

  inputStep(options: Parameters<UserInput['inputStep']>[0]): Promise<string | typeof BACK> {
    const answer = this.next(`${options.title} (${options.step}/${options.totalSteps})`, 'step');
    if (answer === BACK) return Promise.resolve(BACK);
    if (typeof answer !== 'string') this.fail(`"${options.title}" step ${options.step} is an input box: answer with text or BACK.`);
    const problem = options.validate(answer);
    if (problem) this.fail(`"${options.title}" step ${options.step} refused "${answer}": ${problem}`);
    const warning = options.warn?.(answer);
    if (warning) this.warnings.push(warning);
    return Promise.resolve(answer.trim());
  }

  pickStep<T extends vscode.QuickPickItem>(options: StepOptions & { items: T[]; placeholder: string; canSelectMany?: boolean; chosen: (item: T) => boolean }): Promise<readonly T[] | typeof BACK> {
    const prompt = `${options.title} (${options.step}/${options.totalSteps})`;
    const answer = this.next(prompt, 'step');
    if (answer === BACK) return Promise.resolve(BACK);
    // Accepting with no change keeps what the step shows chosen; an empty string is that Enter.
    if (answer === '') return Promise.resolve(options.items.filter(options.chosen).slice(0, options.canSelectMany ? undefined : 1));
    if (options.canSelectMany) {
      if (!Array.isArray(answer)) this.fail(`"${prompt}" picks many: answer a list of labels.`);
      return Promise.resolve((answer as string[]).map((l) => this.choose(prompt, options.items, l)));
    }
    return Promise.resolve([this.choose(prompt, options.items, answer)]);
  }
}

function matches(item: vscode.QuickPickItem, answer: Answer): boolean {
  if (typeof answer === 'string') return item.label === answer;
  if (answer instanceof RegExp) return answer.test(item.label);
  if (typeof answer === 'function') return answer(item);
  return false;
}

/**
 * Runs `work` (a command) with `answers` queued for its prompts, and fails when a prompt got no answer or a
 * refused one, or an answer was left unused. Returns what `work` returned; pass a TestUserInput to read what was asked.
 */
export async function answering<T>(api: TestApi, answers: Answer[] | TestUserInput, work: () => Thenable<T> | Promise<T>): Promise<T> {
  const user = answers instanceof TestUserInput ? answers : new TestUserInput(answers);
  const before = api.input.current;
  api.input.current = user;
  try {
    const result = await work();
    user.check();
    return result;
  } finally {
    api.input.current = before;
  }
}
