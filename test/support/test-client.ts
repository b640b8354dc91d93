import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { totpCode } from '../../src/features/accounts/totp.ts';

/**
 * A browser-like client over `app.inject`: keeps cookies, reads the CSRF token from the last
 * page's form, and posts forms as a browser does.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  lastCsrf: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    private readonly host = 'localhost',
    private readonly ip = '127.0.0.1',
  ) {}

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired =
        cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now()) || cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.lastCsrf = token;
    return response;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      ...options,
      remoteAddress: this.ip,
      headers: { host: this.host, cookie: this.cookieHeader(), ...(options.headers ?? {}) },
    });
    return this.remember(response);
  }

  get(url: string): Promise<LightMyRequestResponse> {
    return this.request({ method: 'GET', url });
  }

  /** Posts a form with the CSRF token of the last page (unless `_csrf` is given or `csrf: false`). */
  post(
    url: string,
    form: Record<string, string | string[]> = {},
    { csrf = true } = {},
  ): Promise<LightMyRequestResponse> {
    const params = new URLSearchParams();
    const fields = csrf && this.lastCsrf && !('_csrf' in form) ? { _csrf: this.lastCsrf, ...form } : form;
    for (const [key, value] of Object.entries(fields)) {
      for (const v of [value].flat()) params.append(key, v);
    }
    return this.request({
      method: 'POST',
      url,
      payload: params.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /**
   * Posts a `multipart/form-data` form with one file (or several), as a browser does: the CSRF
   * token of the last page first (unless `_csrf` is given or `csrf: false`), then the fields, then
   * the files.
   */
  postMultipart(
    url: string,
    form: Record<string, string>,
    files:
      | { field?: string; name: string; data: Buffer; type?: string }
      | { field?: string; name: string; data: Buffer; type?: string }[]
      | undefined,
    { csrf = true } = {},
  ): Promise<LightMyRequestResponse> {
    const boundary = `----osiedle${Math.random().toString(16).slice(2)}`;
    const fields = csrf && this.lastCsrf && !('_csrf' in form) ? { _csrf: this.lastCsrf, ...form } : form;
    const parts: Buffer[] = [];
    for (const [key, value] of Object.entries(fields)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`));
    }
    for (const file of [files ?? []].flat()) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\n` +
            `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        file.data,
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return this.request({
      method: 'POST',
      url,
      payload: Buffer.concat(parts),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  }

  /** Signs in through the section's pages, answering the TOTP step when a secret is given. */
  async signIn(
    section: '/ebok' | '/panel',
    login: string,
    password: string,
    { totpSecret, now = new Date() }: { totpSecret?: string; now?: Date } = {},
  ): Promise<LightMyRequestResponse> {
    await this.get(section);
    let response = await this.post(`${section}/logowanie`, { login, haslo: password });
    if (response.statusCode === 303 && response.headers.location === `${section}/logowanie/kod` && totpSecret) {
      await this.get(`${section}/logowanie/kod`);
      response = await this.post(`${section}/logowanie/kod`, { kod: await totpCode(totpSecret, now) });
    }
    return response;
  }
}
