import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeOrganization } from '../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { TestClient } from '../../test/support/test-client.ts';
import { ConfigError, loadConfig } from '../config.ts';
import type { Organization } from '../features/organizations/queries.ts';
import { enqueueMail, senderFor } from '../features/outbox/outbox.ts';
import { stageUpload } from '../features/units/import/uploads.ts';
import { access } from '../http/auth.ts';
import { renderMail } from '../mail/templates.tsx';
import { startMetricsServer } from './server.ts';

const TOKEN = 'metryki-token-testowy-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };

/** The value of one sample, e.g. `osiedle_audit_events_total{action="signin.failure"}`; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = /\{(.*)\}/.exec(line)?.[1] ?? '';
    if (wanted.every((pair) => labelText.split(',').includes(pair))) return Number(line.split(' ').at(-1));
  }
  return 0;
}

describe('metrics', () => {
  it('are off by default: /metrics is an ordinary missing page', async () => {
    const t = await createTestApp();
    await makeOrganization(t.database.db);
    try {
      const response = await t.app.inject({ method: 'GET', url: '/metrics', headers: auth });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/text\/html/);
    } finally {
      await t.close();
    }
  });

  describe('behind a token on the main port (METRICS_TOKEN alone)', () => {
    let t: TestApp;
    let organization: Organization;
    const scrape = async () => {
      const response = await t.app.inject({ method: 'GET', url: '/metrics', headers: auth });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      return response.body;
    };

    beforeAll(async () => {
      t = await createTestApp({ METRICS_TOKEN: TOKEN }, (app) => {
        app.get('/awaria/:id', access('public'), async () => {
          throw new Error('a failure on purpose');
        });
      });
      organization = await makeOrganization(t.database.db, { name: 'Spółdzielnia Mieszkaniowa „Metryka”' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('wants the token: none or a wrong one gets 401', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
      const wrong = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
      });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.headers['www-authenticate']).toBe('Bearer');
      expect(wrong.body).not.toContain('osiedle_');
    });

    it('times requests by route pattern, never by URL, and counts server errors', async () => {
      const before = await scrape();
      const route = { route: '/awaria/:id', method: 'GET', status: '500' };
      await t.app.inject({ method: 'GET', url: '/awaria/4711' });
      await t.app.inject({ method: 'GET', url: '/awaria/4712' });
      await t.app.inject({ method: 'GET', url: '/a/b/c/d/e/nie-ma-takiej-strony-9931' });
      const after = await scrape();
      expect(
        sample(after, 'osiedle_http_request_duration_seconds_count', route) -
          sample(before, 'osiedle_http_request_duration_seconds_count', route),
      ).toBe(2);
      expect(
        sample(after, 'osiedle_http_server_errors_total', { route: '/awaria/:id' }) -
          sample(before, 'osiedle_http_server_errors_total', { route: '/awaria/:id' }),
      ).toBe(2);
      expect(sample(after, 'osiedle_http_request_duration_seconds_count', { route: '(none)', status: '404' })).toBe(
        sample(before, 'osiedle_http_request_duration_seconds_count', { route: '(none)', status: '404' }) + 1,
      );
      expect(after).not.toContain('4711');
      expect(after).not.toContain('nie-ma-takiej-strony');
      expect(sample(after, 'osiedle_database_up')).toBe(1);
      expect(after).toContain('nodejs_eventloop_lag_seconds');
    });

    it('counts sign-in failures and locks as they happen, without logins, addresses or secrets', async () => {
      const account = await makeAccount(t.database.db, organization.id, {
        login: 'jan.metrykowski',
        activationEmail: 'jan.metrykowski@example.com',
      });
      const before = await scrape();
      const client = new TestClient(t.app, 'localhost', '10.99.0.7');
      await client.get('/ebok');
      await client.post('/ebok/logowanie', { login: 'jan.metrykowski', haslo: 'Zle-Haslo-Tajne-123' });
      await client.post('/ebok/logowanie', { login: 'ktos.nieznany@example.com', haslo: 'Inne-Tajne-456' });
      // One failure short of the lock, then the failure that locks.
      await t.database.db.execute(
        sql`update accounts set failed_attempts = 9, locked_until = null where id = ${account.id}`,
      );
      await client.post('/ebok/logowanie', { login: 'jan.metrykowski', haslo: 'Zle-Haslo-Tajne-789' });
      await client.get('/ebok/aktywacja/potwierdz/SEKRETNY-TOKEN-LINKU-0042');
      const after = await scrape();
      const delta = (action: string) =>
        sample(after, 'osiedle_audit_events_total', { action }) -
        sample(before, 'osiedle_audit_events_total', { action });
      expect(delta('signin.failure')).toBe(3);
      expect(delta('account.locked')).toBe(1);
      for (const secret of [
        'jan.metrykowski',
        'ktos.nieznany',
        'example.com',
        'Tajne',
        'SEKRETNY-TOKEN',
        'Metryka',
        '10.99.0.7',
        TOKEN,
        t.config.sessionSecret ?? TOKEN,
      ]) {
        expect(after, `the metrics hold "${secret}"`).not.toContain(secret);
      }
    });

    it('tell the outbox and the register import queue: how many wait and for how long', async () => {
      const hourAgo = new Date(Date.now() - 3600_000);
      await enqueueMail(t.database.db, {
        organization,
        from: senderFor(organization, undefined),
        to: 'adresat.poufny@example.com',
        purpose: 'test',
        now: hourAgo,
        mail: renderMail(organization, { subject: 'Temat poufny', paragraphs: ['Treść poufna.'] }),
      });
      await t.database.db.execute(
        sql`update outbox_messages set created_at = ${hourAgo} where to_address = 'adresat.poufny@example.com'`,
      );
      const clerk = await makeAccount(t.database.db, organization.id, { kind: 'staff', roles: ['clerk'] });
      await stageUpload(t.database.db, {
        organizationId: organization.id,
        accountId: clerk.id,
        fileName: 'rejestr-poufny.csv',
        stream: (async function* () {
          yield Buffer.from('Kod budynku;Ulica\n');
        })(),
        truncated: () => false,
        maxBytes: 1024 * 1024,
        now: hourAgo,
      });
      await t.database.db.execute(sql`update register_imports set updated_at = ${hourAgo}`);
      const text = await scrape();
      expect(sample(text, 'osiedle_outbox_messages', { state: 'unsent' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'osiedle_outbox_oldest_unsent_seconds')).toBeGreaterThanOrEqual(3599);
      expect(sample(text, 'osiedle_register_import_jobs', { state: 'waiting' })).toBe(1);
      expect(sample(text, 'osiedle_register_import_oldest_waiting_seconds')).toBeGreaterThanOrEqual(3599);
      expect(text).not.toContain('adresat.poufny');
      expect(text).not.toContain('rejestr-poufny');
      expect(text).not.toContain('Temat poufny');
    });
  });

  it('on a port of their own (METRICS_PORT), loopback by default, with the token when one is set', async () => {
    const t = await createTestApp();
    try {
      const config = loadConfig({ NODE_ENV: 'test', METRICS_PORT: '39464', METRICS_TOKEN: TOKEN });
      const server = await startMetricsServer({
        config: { ...config, metrics: { ...config.metrics, port: 0 } },
        gate: { database: t.database },
        log: { info() {}, warn() {} },
      });
      if (!server) throw new Error('no metrics server');
      try {
        const url = `http://127.0.0.1:${server.port}`;
        expect((await fetch(`${url}/metrics`)).status).toBe(401);
        const scraped = await fetch(`${url}/metrics`, { headers: auth });
        expect(scraped.status).toBe(200);
        expect(await scraped.text()).toContain('osiedle_database_up 1');
        expect((await fetch(`${url}/`, { headers: auth })).status).toBe(404);
      } finally {
        await server.close();
      }
      // And the main port does not serve them then.
      const mainPort = await createTestApp({ METRICS_PORT: '39465', METRICS_TOKEN: TOKEN });
      await makeOrganization(mainPort.database.db);
      try {
        expect((await mainPort.app.inject({ method: 'GET', url: '/metrics', headers: auth })).statusCode).toBe(404);
      } finally {
        await mainPort.close();
      }
    } finally {
      await t.close();
    }
  });

  it('refuse settings that would expose them or clash', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ NODE_ENV: 'test', ...env });
        return [];
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
    };
    expect(problems({ METRICS_PORT: '9464' })).toEqual([]);
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, host: '127.0.0.1', token: undefined });
    expect(loadConfig({}).metrics).toEqual({ port: undefined, host: '127.0.0.1', token: undefined });
    expect(problems({ METRICS_PORT: '3000', PORT: '3000' })).toEqual(['METRICS_PORT: must differ from PORT']);
    expect(problems({ METRICS_HOST: '0.0.0.0' })).toEqual(['METRICS_HOST: only with METRICS_PORT']);
    expect(problems({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' })).toEqual([
      'METRICS_TOKEN: is required when METRICS_HOST is not a loopback address',
    ]);
    expect(problems({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0', METRICS_TOKEN: TOKEN })).toEqual([]);
    expect(problems({ METRICS_TOKEN: 'krotki' })).toEqual(['METRICS_TOKEN: must be at least 24 characters long']);
  });
});
