// Runs the fake Mailgun in a child process, so a benchmark measures the client alone, not the
// server's work on the same thread.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { SeedName } from '../fake-mailgun';

export interface FakeProcess {
  usUrl: string;
  euUrl: string;
  stop(): Promise<void>;
}

export function spawnFakeMailgun(seed: SeedName): Promise<FakeProcess> {
  const cli = join(__dirname, '../fake-mailgun/cli.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--seed', seed], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    const fail = () => reject(new Error(`the fake Mailgun exited before printing its URLs:\n${out}`));
    child.once('exit', fail);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const us = /US base URL:\s+(\S+)/.exec(out)?.[1];
      const eu = /EU base URL:\s+(\S+)/.exec(out)?.[1];
      if (!us || !eu) return;
      child.off('exit', fail);
      resolve({
        usUrl: us,
        euUrl: eu,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
