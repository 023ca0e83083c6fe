// A file written whole or not at all: `write` streams into `<file>.<random>.part`, created exclusively (a file or
// symlink planted there makes the write fail rather than go through it), renamed at the end. A failed or cancelled
// write leaves nothing behind. Never imports vscode.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

export async function writeFileAtomically<T>(destination: string, write: (out: Writable) => Promise<T>): Promise<T> {
  const partial = `${destination}.${randomBytes(8).toString('hex')}.part`;
  const file = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
  // Kept for the stream's whole life: an 'error' without a listener would crash the extension host.
  file.on('error', () => undefined);
  let created = false;
  try {
    await once(file, 'open');
    created = true;
    const result = await write(file);
    file.end();
    await finished(file);
    await rename(partial, destination);
    return result;
  } catch (error) {
    file.destroy();
    // Only a file this write created is removed: when the exclusive open failed, what is there is not ours.
    if (created) await rm(partial, { force: true });
    throw error;
  }
}

/** Writes `text`, waiting for the stream to drain when it asks to (and failing with the stream or the signal). */
export async function writeChunk(out: Writable, text: string, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  if (out.errored) throw out.errored;
  if (!out.write(text)) await once(out, 'drain', { signal }); // rejects on the stream's 'error' too
}
