/**
 * Encryption of backup files: a key derived by scrypt from BACKUP_KEY and a random salt (so every
 * file has its own key), then AES-256-GCM over frames of at most 1 MiB, each authenticated with
 * the file's header, its number and whether it is the last one (so frames cannot be altered,
 * reordered, dropped or cut off without the restore noticing).
 *
 * Header (46 bytes): "OSIEDLEB" | format version | KDF (1 = scrypt) | log2 N | r | p | 0 | salt
 * (16) | key check (16). The key check (an HMAC of the header's first 30 bytes) tells a wrong
 * BACKUP_KEY apart from a damaged file before anything is decrypted.
 * Frame: u32 (bit 31: last frame; bits 0–30: plaintext length) | ciphertext | GCM tag (16).
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BackupError, FORMAT_VERSION } from './format.ts';

const MAGIC = Buffer.from('OSIEDLEB', 'ascii');
export const HEADER_BYTES = 46;
const CHECKED_BYTES = 30;
const KDF_SCRYPT = 1;
const TAG_BYTES = 16;
const FINAL_FLAG = 0x8000_0000;
/** Plaintext per frame. */
export const FRAME_BYTES = 1024 * 1024;
/** Largest frame a reader accepts (a damaged length must not make it allocate gigabytes). */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/** scrypt cost: 2^15 × 8 × 128 B = 32 MiB of memory and about 0.1 s per file. */
export const defaultScrypt = { logN: 15, r: 8, p: 1 } as const;

export interface ScryptParams {
  logN: number;
  r: number;
  p: number;
}

export interface FileKeys {
  /** The file's 46-byte header. */
  header: Buffer;
  key: Buffer;
}

function deriveMaster(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.logN;
  return new Promise((resolve, reject) =>
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      32,
      { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

function subkey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `osiedle-backup/v1/${purpose}`, 32));
}

function keyCheck(master: Buffer, headerStart: Buffer): Buffer {
  return createHmac('sha256', subkey(master, 'key-check')).update(headerStart).digest().subarray(0, 16);
}

/** A new file's header and key. */
export async function newFileKeys(passphrase: string, params: ScryptParams = defaultScrypt): Promise<FileKeys> {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt8(FORMAT_VERSION, 8);
  header.writeUInt8(KDF_SCRYPT, 9);
  header.writeUInt8(params.logN, 10);
  header.writeUInt8(params.r, 11);
  header.writeUInt8(params.p, 12);
  header.writeUInt8(0, 13);
  randomBytes(16).copy(header, 14);
  const master = await deriveMaster(passphrase, header.subarray(14, 30), params);
  keyCheck(master, header.subarray(0, CHECKED_BYTES)).copy(header, CHECKED_BYTES);
  return { header, key: subkey(master, 'encryption') };
}

/** The key of an existing file from its header; a wrong passphrase or a foreign file is refused. */
export async function fileKeysOf(passphrase: string, header: Buffer): Promise<FileKeys> {
  if (header.length < HEADER_BYTES || !header.subarray(0, 8).equals(MAGIC)) {
    throw new BackupError('This is not an Osiedle backup file (or its beginning is damaged).');
  }
  const version = header.readUInt8(8);
  if (version > FORMAT_VERSION) {
    throw new BackupError(
      `The backup was made by a newer version of Osiedle (backup format ${version}); upgrade Osiedle to restore it.`,
    );
  }
  const kdf = header.readUInt8(9);
  const params = { logN: header.readUInt8(10), r: header.readUInt8(11), p: header.readUInt8(12) };
  const sane =
    params.logN >= 10 && params.logN <= 22 && params.r >= 1 && params.r <= 32 && params.p >= 1 && params.p <= 16;
  if (version !== FORMAT_VERSION || kdf !== KDF_SCRYPT || !sane) {
    throw new BackupError('The backup file is damaged: its header is not readable.');
  }
  const fileHeader = Buffer.from(header.subarray(0, HEADER_BYTES));
  const master = await deriveMaster(passphrase, fileHeader.subarray(14, 30), params);
  const expected = keyCheck(master, fileHeader.subarray(0, CHECKED_BYTES));
  if (!timingSafeEqual(expected, fileHeader.subarray(CHECKED_BYTES, HEADER_BYTES))) {
    throw new BackupError('Wrong BACKUP_KEY: this backup was encrypted with another key.');
  }
  return { header: fileHeader, key: subkey(master, 'encryption') };
}

function nonce(counter: bigint): Buffer {
  const iv = Buffer.alloc(12);
  iv.writeBigUInt64BE(counter, 4);
  return iv;
}

function aad(header: Buffer, counter: bigint, final: boolean): Buffer {
  const extra = Buffer.alloc(9);
  extra.writeBigUInt64BE(counter, 0);
  extra.writeUInt8(final ? 1 : 0, 8);
  return Buffer.concat([header, extra]);
}

/** Plaintext in, the header and then frames out. */
export class EncryptStream extends Transform {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private counter = 0n;

  constructor(private readonly keys: FileKeys) {
    super();
    this.push(keys.header);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    while (this.pendingBytes > FRAME_BYTES) {
      const all = Buffer.concat(this.pending, this.pendingBytes);
      this.pushFrame(all.subarray(0, FRAME_BYTES), false);
      const rest = all.subarray(FRAME_BYTES);
      this.pending = [rest];
      this.pendingBytes = rest.length;
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    this.pushFrame(Buffer.concat(this.pending, this.pendingBytes), true);
    this.pending = [];
    this.pendingBytes = 0;
    done();
  }

  private pushFrame(plaintext: Buffer, final: boolean): void {
    const cipher = createCipheriv('aes-256-gcm', this.keys.key, nonce(this.counter));
    cipher.setAAD(aad(this.keys.header, this.counter, final));
    const length = Buffer.alloc(4);
    length.writeUInt32BE((plaintext.length | (final ? FINAL_FLAG : 0)) >>> 0);
    const body = cipher.update(plaintext);
    const rest = cipher.final();
    this.push(Buffer.concat([length, body, rest, cipher.getAuthTag()]));
    this.counter++;
  }
}

/** Frames in (after the header), plaintext out; any altered, missing or extra byte is an error. */
export class DecryptStream extends Transform {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private counter = 0n;
  private ended = false;

  constructor(private readonly keys: FileKeys) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.ended) {
      done(chunk.length > 0 ? new BackupError('The backup file is damaged: data after its end.') : null);
      return;
    }
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    try {
      this.drainFrames();
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    done(this.ended ? null : new BackupError('The backup file is truncated: it ends before its last part.'));
  }

  private drainFrames(): void {
    while (!this.ended && this.pendingBytes >= 4) {
      const first = this.pending[0] as Buffer;
      const head = first.length >= 4 ? first : Buffer.concat(this.pending, this.pendingBytes);
      const word = head.readUInt32BE(0);
      const final = (word & FINAL_FLAG) !== 0;
      const length = word & ~FINAL_FLAG;
      if (length > MAX_FRAME_BYTES)
        throw new BackupError('The backup file is damaged (a part has an impossible size).');
      const frameBytes = 4 + length + TAG_BYTES;
      if (this.pendingBytes < frameBytes) return;
      const all = this.pending.length === 1 ? first : Buffer.concat(this.pending, this.pendingBytes);
      const decipher = createDecipheriv('aes-256-gcm', this.keys.key, nonce(this.counter));
      decipher.setAAD(aad(this.keys.header, this.counter, final));
      decipher.setAuthTag(all.subarray(4 + length, frameBytes));
      let plaintext: Buffer;
      try {
        plaintext = Buffer.concat([decipher.update(all.subarray(4, 4 + length)), decipher.final()]);
      } catch {
        throw new BackupError('The backup file is damaged or was altered: a part fails its integrity check.');
      }
      this.counter++;
      const rest = all.subarray(frameBytes);
      this.pending = rest.length > 0 ? [rest] : [];
      this.pendingBytes = rest.length;
      if (final) {
        this.ended = true;
        if (rest.length > 0) throw new BackupError('The backup file is damaged: data after its end.');
      }
      if (plaintext.length > 0) this.push(plaintext);
    }
  }
}
