/**
 * Private temporary files: a directory of its own under the OS temp dir (0700, from `mkdtemp`),
 * files in it created 0600 and never overwritten, and the whole directory removed when its work
 * is done — also when that work failed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new private directory (0700) under the OS temp dir. */
export function makeTempDir(prefix = 'osiedle-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Removes a directory made by `makeTempDir` with everything in it (a missing one is no error). */
export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Runs `work` with a new private directory, removed afterwards whatever happened. */
export async function withTempDir<T>(work: (dir: string) => Promise<T>, prefix?: string): Promise<T> {
  const dir = await makeTempDir(prefix);
  try {
    return await work(dir);
  } finally {
    await removeTempDir(dir);
  }
}

/** Flags and mode of a private temporary file: created here, never an existing one, readable by this user only. */
export const PRIVATE_FILE = { flags: 'wx', mode: 0o600 } as const;
