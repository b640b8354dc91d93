/**
 * Records of the decrypted, decompressed backup stream: type (1 byte) | length (u32) | payload.
 */
import { BackupError } from './format.ts';

/** Largest record a reader accepts; writers stay far below (table data comes in ≤ 1 MiB pieces). */
const MAX_RECORD_BYTES = 256 * 1024 * 1024;

export function encodeRecord(type: number, payload: Buffer): Buffer[] {
  const head = Buffer.alloc(5);
  head.writeUInt8(type, 0);
  head.writeUInt32BE(payload.length, 1);
  return [head, payload];
}

export function jsonRecord(type: number, value: unknown): Buffer[] {
  return encodeRecord(type, Buffer.from(JSON.stringify(value), 'utf8'));
}

export interface BackupRecord {
  type: number;
  payload: Buffer;
}

/** Pulls records one at a time from a stream of byte chunks. */
export class RecordReader {
  private readonly chunks: AsyncIterator<Buffer>;
  private buffer: Buffer = Buffer.alloc(0);
  private done = false;

  constructor(source: AsyncIterable<Buffer>) {
    this.chunks = source[Symbol.asyncIterator]();
  }

  /** The next record, or undefined at the end of the stream (which has then been fully checked). */
  async next(): Promise<BackupRecord | undefined> {
    if (!(await this.fill(5))) {
      if (this.buffer.length > 0) throw new BackupError('The backup file is truncated: a record is cut off.');
      return undefined;
    }
    const type = this.buffer.readUInt8(0);
    const length = this.buffer.readUInt32BE(1);
    if (length > MAX_RECORD_BYTES)
      throw new BackupError('The backup file is damaged (a record has an impossible size).');
    if (!(await this.fill(5 + length))) throw new BackupError('The backup file is truncated: a record is cut off.');
    const payload = this.buffer.subarray(5, 5 + length);
    this.buffer = this.buffer.subarray(5 + length);
    return { type, payload };
  }

  /** The next record, which must be of this type. */
  async expect(type: number, what: string): Promise<Buffer> {
    const record = await this.next();
    if (!record || record.type !== type) throw new BackupError(`The backup file is damaged: ${what} is missing.`);
    return record.payload;
  }

  private async fill(bytes: number): Promise<boolean> {
    if (this.buffer.length >= bytes) return true;
    const parts = [this.buffer];
    let have = this.buffer.length;
    while (have < bytes && !this.done) {
      const next = await this.chunks.next();
      if (next.done) {
        this.done = true;
        break;
      }
      parts.push(next.value);
      have += next.value.length;
    }
    this.buffer = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, have);
    return have >= bytes;
  }
}
