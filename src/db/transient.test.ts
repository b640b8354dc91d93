import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, isTransientDatabaseError, retryTransient, sqlStateOf } from './transient.ts';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isTransientDatabaseError', () => {
  it('knows a server that is gone, restarting, read-only or not yet promoted, also wrapped by Drizzle', () => {
    for (const error of [
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('57P03', 'the database system is starting up'),
      pgError('25006', 'cannot execute INSERT in a read-only transaction'),
      pgError('08006'),
      pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      pgError('ECONNRESET'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Connection terminated due to connection timeout', { cause: new Error('timeout expired') }),
      new DatabaseUnavailableError('127.0.0.1:5433 is read-only (a standby)'),
      new DrizzleQueryError('select 1', [], pgError('57P01') as Error),
      new AggregateError([pgError('ECONNREFUSED')]),
    ]) {
      expect(isTransientDatabaseError(error), String(error)).toBe(true);
    }
  });

  it('does not excuse bugs, bad data or a statement that ran too long', () => {
    for (const error of [
      pgError('23505', 'duplicate key value violates unique constraint'),
      pgError('42P01', 'relation "x" does not exist'),
      pgError('57014', 'canceling statement due to statement timeout'),
      new Error('Cannot read properties of undefined'),
      undefined,
      'a string',
    ]) {
      expect(isTransientDatabaseError(error), String(error)).toBe(false);
    }
  });

  it('finds the SQLSTATE under a wrapper, and no Node errno as one', () => {
    expect(sqlStateOf(new DrizzleQueryError('select 1', [], pgError('57014') as Error))).toBe('57014');
    expect(sqlStateOf(pgError('EPIPE'))).toBeUndefined();
  });
});

describe('retryTransient', () => {
  it('retries while the database is away and returns the result', async () => {
    let calls = 0;
    const waits: number[] = [];
    const result = await retryTransient(
      async () => {
        calls++;
        if (calls < 3) throw pgError('ECONNREFUSED');
        return 'zapisane';
      },
      { timeoutMs: 10_000, delayMs: 100, sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('zapisane');
    expect(waits).toEqual([100, 100]);
  });

  it('throws any other error at once, and the last one after the time is up', async () => {
    let calls = 0;
    const duplicate = pgError('23505');
    await expect(
      retryTransient(
        async () => {
          calls++;
          throw duplicate;
        },
        { timeoutMs: 10_000, sleep: async () => {} },
      ),
    ).rejects.toBe(duplicate);
    expect(calls).toBe(1);
    await expect(
      retryTransient(
        async () => {
          throw pgError('ECONNREFUSED');
        },
        { timeoutMs: 0, sleep: async () => {} },
      ),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('gives up at once when told to stop (a worker shutting down)', async () => {
    const stopping = new AbortController();
    stopping.abort();
    let calls = 0;
    await expect(
      retryTransient(
        async () => {
          calls++;
          throw pgError('ECONNREFUSED');
        },
        { timeoutMs: 60_000, signal: stopping.signal, sleep: async () => {} },
      ),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(calls).toBe(1);
  });
});
