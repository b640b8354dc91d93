import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DecryptStream, EncryptStream, FRAME_BYTES, fileKeysOf, HEADER_BYTES, newFileKeys } from './crypto.ts';
import { wholeLines } from './engine.ts';
import { BackupError, RecordType } from './format.ts';
import { encodeRecord, jsonRecord, RecordReader } from './records.ts';

const key = 'a passphrase of the cooperative';
const scrypt = { logN: 10, r: 8, p: 1 };

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts);
}

/** plaintext → encrypted file bytes */
async function seal(plaintext: Buffer, passphrase = key): Promise<Buffer> {
  const parts: Buffer[] = [];
  await pipeline(
    Readable.from([plaintext]),
    new EncryptStream(await newFileKeys(passphrase, scrypt)),
    async (source) => {
      for await (const part of source) parts.push(part as Buffer);
    },
  );
  return Buffer.concat(parts);
}

/** encrypted file bytes → plaintext (as restore reads it: the key from the header, then the frames) */
async function unseal(file: Buffer, passphrase = key): Promise<Buffer> {
  const keys = await fileKeysOf(passphrase, file.subarray(0, HEADER_BYTES));
  const parts: Buffer[] = [];
  // Fed in small pieces, as a file stream would.
  const pieces = Array.from({ length: Math.ceil((file.length - HEADER_BYTES) / 7001) }, (_, i) =>
    file.subarray(HEADER_BYTES + i * 7001, HEADER_BYTES + (i + 1) * 7001),
  );
  await pipeline(Readable.from(pieces), new DecryptStream(keys), async (source) => {
    for await (const part of source) parts.push(part as Buffer);
  });
  return Buffer.concat(parts);
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  return (error as Error).message;
}

describe('backup encryption', () => {
  it('round-trips empty, small and multi-frame contents; each file has its own salt', async () => {
    for (const size of [0, 1, 1000, FRAME_BYTES, FRAME_BYTES * 2 + 12_345]) {
      const plaintext = randomBytes(size);
      const file = await seal(plaintext);
      expect(file.subarray(0, 8).toString('ascii')).toBe('OSIEDLEB');
      expect((await unseal(file)).equals(plaintext)).toBe(true);
    }
    const [a, b] = [await seal(Buffer.from('x')), await seal(Buffer.from('x'))];
    expect(a.subarray(14, 30).equals(b.subarray(14, 30))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('tells a wrong key apart from damage, before decrypting anything', async () => {
    const file = await seal(Buffer.from('PESEL 44051401458'));
    expect(await failure(unseal(file, `${key} `))).toBe(
      'Wrong BACKUP_KEY: this backup was encrypted with another key.',
    );
    expect(await failure(unseal(Buffer.concat([Buffer.from('PGDMP'), file.subarray(5)])))).toMatch(
      /not an Osiedle backup file/,
    );
    const newer = Buffer.from(file);
    newer[8] = 2;
    expect(await failure(unseal(newer))).toMatch(/made by a newer version of Osiedle \(backup format 2\)/);
  });

  it('refuses any altered byte, a missing end, a dropped or repeated frame, and data after the end', async () => {
    const plaintext = randomBytes(FRAME_BYTES * 2 + 100);
    const file = await seal(plaintext);
    const frame = 4 + FRAME_BYTES + 16;
    for (const at of [HEADER_BYTES + 2, HEADER_BYTES + 10, HEADER_BYTES + frame + 5, file.length - 1]) {
      const altered = Buffer.from(file);
      altered[at] = (altered[at] ?? 0) ^ 0x80;
      expect(await failure(unseal(altered))).toMatch(/damaged|altered/);
    }
    expect(await failure(unseal(file.subarray(0, file.length - 1)))).toMatch(/truncated/);
    // Whole frames only: the last one missing.
    expect(await failure(unseal(file.subarray(0, HEADER_BYTES + 2 * frame)))).toMatch(/truncated/);
    // The second frame dropped, or the first one repeated: the frame numbers no longer match.
    const dropped = Buffer.concat([file.subarray(0, HEADER_BYTES + frame), file.subarray(HEADER_BYTES + 2 * frame)]);
    expect(await failure(unseal(dropped))).toMatch(/altered/);
    const repeated = Buffer.concat([file.subarray(0, HEADER_BYTES + frame), file.subarray(HEADER_BYTES)]);
    expect(await failure(unseal(repeated))).toMatch(/altered/);
    expect(await failure(unseal(Buffer.concat([file, Buffer.from('x')])))).toMatch(/data after its end/);
  });
});

describe('backup records', () => {
  it('reads back records of any size through gzip, whatever the chunking', async () => {
    const big = randomBytes(3 * 1024 * 1024);
    const written = [
      ...jsonRecord(RecordType.header, { format: 1, name: 'żółć' }),
      ...encodeRecord(RecordType.data, Buffer.alloc(0)),
      ...encodeRecord(RecordType.data, big),
      ...jsonRecord(RecordType.manifest, { rows: 1 }),
    ];
    const compressed = await collect(Readable.from(written).pipe(createGzip()));
    const reader = new RecordReader(Readable.from([compressed]).pipe(createGunzip({ chunkSize: 1000 })));
    expect(JSON.parse((await reader.expect(RecordType.header, 'header')).toString())).toEqual({
      format: 1,
      name: 'żółć',
    });
    expect((await reader.next())?.payload.length).toBe(0);
    expect((await reader.expect(RecordType.data, 'data')).equals(big)).toBe(true);
    expect(await reader.next()).toEqual({ type: RecordType.manifest, payload: Buffer.from('{"rows":1}') });
    expect(await reader.next()).toBeUndefined();
  });

  it('refuses a record cut off, and a record of another type than expected', async () => {
    const cut = Buffer.concat(encodeRecord(RecordType.data, Buffer.from('abcdef'))).subarray(0, 8);
    await expect(new RecordReader(Readable.from([cut])).next()).rejects.toThrow(/truncated: a record is cut off/);
    const other = new RecordReader(Readable.from([Buffer.concat(encodeRecord(RecordType.data, Buffer.from('x')))]));
    await expect(other.expect(RecordType.manifest, 'its manifest')).rejects.toThrow(
      'The backup file is damaged: its manifest is missing.',
    );
  });

  it('regroups COPY text into pieces that end with a row', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i}\t${'x'.repeat(i % 300)}\n`).join('');
    const text = Buffer.from(rows);
    // Arbitrary chunks, as a server sends them, with one row longer than a piece.
    const chunks = [text.subarray(0, 3), text.subarray(3, 70_001), text.subarray(70_001)];
    const pieces = [];
    for await (const piece of wholeLines(Readable.from(chunks), 4096)) pieces.push(piece);
    expect(Buffer.concat(pieces).equals(text)).toBe(true);
    for (const piece of pieces) expect(piece.at(-1)).toBe(0x0a);
    expect(pieces.length).toBeGreaterThan(10);
  });
});
