import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives working defaults for a developer machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: './data',
      smtpUrl: undefined,
      mailLockMs: 300_000,
      loadDemo: true,
      publicUrl: 'http://localhost:3000',
    });
  });

  it('reads how long a mail worker holds its messages, in seconds', () => {
    expect(loadConfig({ MAIL_LOCK_SECONDS: '2' }).mailLockMs).toBe(2000);
    expect(() => loadConfig({ MAIL_LOCK_SECONDS: '0' })).toThrow(/MAIL_LOCK_SECONDS/);
  });

  it('reads the database timeouts in seconds: 5 s to connect, 60 s per statement, 0 = no statement timeout', () => {
    expect(loadConfig({})).toMatchObject({ databaseConnectTimeoutMs: 5000, databaseStatementTimeoutMs: 60_000 });
    const config = loadConfig({ DATABASE_CONNECT_TIMEOUT_SECONDS: '2.5', DATABASE_STATEMENT_TIMEOUT_SECONDS: '0' });
    expect(config).toMatchObject({ databaseConnectTimeoutMs: 2500, databaseStatementTimeoutMs: 0 });
    expect(() => loadConfig({ DATABASE_CONNECT_TIMEOUT_SECONDS: '0' })).toThrow(/DATABASE_CONNECT_TIMEOUT_SECONDS/);
    expect(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT_SECONDS: '-1' })).toThrow(
      /DATABASE_STATEMENT_TIMEOUT_SECONDS/,
    );
  });

  it('accepts several PostgreSQL servers in DATABASE_URL and refuses a list it cannot use', () => {
    const url = 'postgres://osiedle:tajne@10.0.0.1:5432,10.0.0.2:5433/osiedle?target_session_attrs=read-write';
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://a:1,b:x/db' })).toThrow(
      /DATABASE_URL: names a server that is not host or host:port/,
    );
    // A password with an unencoded slash cuts the URL early: the message never repeats any of it.
    expect(() => loadConfig({ DATABASE_URL: 'postgres://osiedle:tajne/haslo@db/osiedle' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('tajne') }),
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgres://a,b/db?target_session_attrs=standby' })).toThrow(
      /DATABASE_URL: target_session_attrs=standby is not supported/,
    );
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });

  it('names every bad variable in one message', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://x', NODE_ENV: 'staging' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'DATABASE_URL', 'SMTP_URL', 'NODE_ENV']) expect(message).toContain(name);
  });

  it('requires a session secret in production and never loads the demo there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
    const secret = 'x'.repeat(32);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret }).loadDemo).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, LOAD_DEMO: 'true' })).toThrow(
      /LOAD_DEMO/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, LOG_SQL: 'true' })).toThrow(/LOG_SQL/);
    expect(loadConfig({ LOG_SQL: 'true' }).logSql).toBe(true);
    expect(loadConfig({}).logSql).toBe(false);
  });

  it('strips a trailing slash from PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://ebok.example.pl/' }).publicUrl).toBe('https://ebok.example.pl');
  });
});
