/**
 * Reading a backup: the key is checked against the file's header first, then frames are
 * decrypted and checked one by one as the records are pulled (format.ts).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DecryptStream, fileKeysOf, HEADER_BYTES } from './crypto.ts';
import { BackupError, type BackupHeader, headerSchema, parseJsonRecord, RecordType } from './format.ts';
import { RecordReader } from './records.ts';

export interface OpenedBackup {
  header: BackupHeader;
  records: RecordReader;
  /** Stops reading (e.g. after a refusal). */
  close(): void;
}

async function readFileHeader(file: string): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackupError(
      code === 'ENOENT' ? `${file}: no such file.` : `${file} cannot be read (${code ?? (error as Error).message}).`,
    );
  }
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(header, 0, HEADER_BYTES, 0);
    if (bytesRead < HEADER_BYTES) {
      throw new BackupError(`${file} is not an Osiedle backup file (or it is truncated to almost nothing).`);
    }
    return header;
  } finally {
    await handle.close();
  }
}

/** Opens a backup with BACKUP_KEY and reads its header record; a wrong key is refused here. */
export async function openBackup(file: string, key: string): Promise<OpenedBackup> {
  const keys = await fileKeysOf(key, await readFileHeader(file));
  const source = createReadStream(file, { start: HEADER_BYTES, highWaterMark: 1024 * 1024 });
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  const plain = pipeline(source, new DecryptStream(keys), gunzip, () => {});
  const records = new RecordReader(plainText(plain));
  try {
    const header = parseJsonRecord(
      headerSchema,
      await records.expect(RecordType.header, 'its header record'),
      'header record',
    );
    return { header, records, close: () => plain.destroy() };
  } catch (error) {
    plain.destroy();
    throw error;
  }
}

/** The decompressed bytes; a failure of decryption, gzip or the file is a BackupError. */
async function* plainText(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    yield* stream;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_')) throw new BackupError('The backup file is damaged: its contents cannot be unpacked.');
    throw error;
  }
}
