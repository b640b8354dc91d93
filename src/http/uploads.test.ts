import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptUploads, uploadFilesOnDiskField } from './uploads.ts';

function multipart(files: { name: string; data: Buffer }[]) {
  const boundary = 'test-boundary-7f3a';
  const parts = files.map((f) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="pliki"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    ]),
  );
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** The files are removed just after the reply has gone (onResponse): wait for that a little. */
async function leftIn(dir: string): Promise<string[]> {
  for (let i = 0; i < 100 && readdirSync(dir).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
  return readdirSync(dir);
}

describe('uploads taken to disk', () => {
  let app: FastifyInstance;
  let temp: string;
  const previousTmp = process.env.TMPDIR;
  const field = uploadFilesOnDiskField(1024);

  beforeAll(async () => {
    temp = mkdtempSync(join(tmpdir(), 'uploads-test-'));
    process.env.TMPDIR = temp;
    app = Fastify();
    await app.register(async (scope) => {
      await acceptUploads(scope, { maxFileBytes: 1024, files: 3, toDisk: true });
      scope.post('/files', async (request) => {
        const parsed = field.safeParse((request.body as { pliki?: unknown }).pliki);
        if (!parsed.success) return { error: parsed.error.issues[0]?.message };
        return Promise.all(
          parsed.data.map(async (f) => ({
            name: f.fileName,
            path: f.path,
            size: f.size,
            mode: statSync(f.path).mode & 0o777,
            dirMode: statSync(dirname(f.path)).mode & 0o777,
            text: (await readFile(f.path)).toString('utf8'),
          })),
        );
      });
      scope.post('/fails', async (request) => {
        const parsed = field.parse((request.body as { pliki?: unknown }).pliki);
        throw new Error(`failed with ${parsed[0]?.path}`);
      });
    });
  });
  afterAll(async () => {
    await app.close();
    process.env.TMPDIR = previousTmp;
    rmSync(temp, { recursive: true, force: true });
  });

  it('streams each file to a private temporary file, removed once the reply is sent', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/files',
      ...multipart([
        { name: 'a.sta', data: Buffer.from('pierwszy') },
        { name: 'b.sta', data: Buffer.from('drugi ąę') },
      ]),
    });
    const files =
      response.json<{ name: string; path: string; size: number; mode: number; dirMode: number; text: string }[]>();
    expect(files.map((f) => [f.name, f.text, f.size, f.mode, f.dirMode])).toEqual([
      ['a.sta', 'pierwszy', 8, 0o600, 0o700],
      ['b.sta', 'drugi ąę', 10, 0o600, 0o700],
    ]);
    for (const f of files) expect(f.path.startsWith(temp)).toBe(true);
    expect(await leftIn(temp)).toEqual([]);
    expect(files.some((f) => existsSync(f.path))).toBe(false);
  });

  it('removes the files also when the route fails', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/fails',
      ...multipart([{ name: 'a.sta', data: Buffer.from('treść') }]),
    });
    expect(response.statusCode).toBe(500);
    expect(await leftIn(temp)).toEqual([]);
  });

  it('never takes a path from a body that is not multipart (JSON can name any file)', async () => {
    const secret = join(temp, 'sekret.txt');
    await writeFile(secret, 'tajne');
    const forged = { fileName: 'a.sta', path: secret, size: 5, truncated: false };
    const response = await app.inject({ method: 'POST', url: '/files', payload: { pliki: [forged] } });
    expect(response.json()).toEqual([]);
    const one = await app.inject({ method: 'POST', url: '/files', payload: { pliki: forged } });
    expect(one.json()).toEqual([]);
    rmSync(secret);
  });

  it('refuses a file over the limit at the field, naming the limit, and keeps nothing of it', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/files',
      ...multipart([{ name: 'duzy.sta', data: Buffer.alloc(1024 * 1024 + 4096, 0x20) }]),
    });
    expect(response.json<{ error: string }>().error).toMatch(/^duzy\.sta: Plik jest za duży: .*1 kB\.$/);
    expect(await leftIn(temp)).toEqual([]);
  });
});
