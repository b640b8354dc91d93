import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { formatDateTime } from './lib/format.ts';

describe('the CLI', () => {
  let dataDir: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'osiedle-cli-'));
    process.env.DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
  });
  afterAll(async () => {
    process.env = saved;
    await rm(dataDir, { recursive: true, force: true });
  });

  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      args,
      (line) => out.push(line),
      (line) => err.push(line),
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('explains unknown commands and missing options', async () => {
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Unknown command "frobnicate"');
    expect(unknown.err).toContain('create-org');

    const missing = await cli('create-org', '--slug', 'x1');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('--name');
    expect(missing.err).toContain('--postcode');

    const bad = await cli('create-org', '--bogus');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/Unknown option '--bogus'/);
  });

  it('validates values in Polish before touching the database', async () => {
    const result = await cli(
      'create-org',
      ...['--slug', 'sm-test', '--name', 'Spółdzielnia Testowa', '--short-name', 'SM Testowa'],
      ...['--street', 'ul. Testowa 1', '--postcode', '40282', '--city', 'Katowice', '--bank-account', '123'],
    );
    expect(result.code).toBe(1);
    expect(result.err).toContain('--postcode: kod pocztowy w formacie 00-000');
    expect(result.err).toContain('--bank-account: nieprawidłowy numer rachunku (NRB)');
  });

  it('migrates and creates an organization, refusing a duplicate', async () => {
    expect((await cli('migrate')).out).toContain('Migracje zastosowane');
    const args = [
      'create-org',
      ...['--slug', 'sm-test', '--name', 'Spółdzielnia Testowa', '--short-name', 'SM Testowa'],
      ...['--street', 'ul. Testowa 1', '--postcode', '40-282', '--city', 'Katowice'],
    ];
    const created = await cli(...args);
    expect(created.code).toBe(0);
    expect(created.out).toContain('Utworzono: Spółdzielnia Testowa');
    const again = await cli(...args);
    expect(again.code).toBe(1);
    expect(again.err).toContain('już istnieje');
    // The database is not empty any more, so the demo is not loaded over it.
    expect((await cli('demo')).out).toContain('nie jest pusta');
  }, 60_000);

  it('creates an administrator, naming its options in errors and printing the expiry in Warsaw time', async () => {
    const blank = await cli('create-admin', '--login', 'jkowalska', '--name', '  ');
    expect(blank.code).toBe(1);
    expect(blank.err).toContain('--name: Podaj imię i nazwisko.');
    expect(blank.err).not.toContain('displayName');

    const before = Date.now();
    const created = await cli('create-admin', '--login', 'jkowalska', '--name', 'Joanna Kowalska', '--org', 'sm-test');
    expect(created.code).toBe(0);
    const expiry = /Ważne do: (\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}) \(czas polski\)/.exec(created.out)?.[1];
    const warsaw = (at: number) => formatDateTime(new Date(at + 14 * 86_400_000));
    expect([warsaw(before), warsaw(Date.now())]).toContain(expiry);
  }, 60_000);

  it('builds every usage line from the arguments the command takes', async () => {
    const help = await cli('create-admin', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain(
      'Usage: npm run cli -- create-admin --login LOGIN --name NAME [--email EMAIL] [--org SLUG]',
    );
    expect(help.out).toMatch(/--org SLUG\s+organization identifier \(default: the only one\)/);
    expect((await cli('charge-run', '--help')).out).toContain('Usage: npm run cli -- charge-run YYYY-MM [--org SLUG]');
    expect((await cli('import-register', '--help')).out).toContain(
      'Usage: npm run cli -- import-register FILE [--org SLUG] [--dry-run] [--encoding utf-8|windows-1250]',
    );
    const badMonth = await cli('charge-run', '2026-13');
    expect(badMonth.err).toContain('The month is YYYY-MM, e.g. 2026-03.');
    expect(badMonth.err).toContain('Usage: npm run cli -- charge-run YYYY-MM [--org SLUG]');
  });

  it('imports the register file: preview, apply, then nothing to change; a bad file fails', async () => {
    const file = new URL('../docs/examples/rejestr-utf8.csv', import.meta.url).pathname;
    const preview = await cli('import-register', file, '--dry-run');
    expect(preview.code).toBe(0);
    expect(preview.out).toContain('kodowanie UTF-8, separator „;”, wierszy danych: 8');
    expect(preview.out).toContain('Tytuły prawne        nowe: 7, zmienione: 0, bez zmian: 0');
    expect(preview.out).toContain('Podgląd: nic nie zostało zapisane');
    expect((await cli('import-register', file, '--org', 'sm-test')).out).toContain('Zapisano zmiany w rejestrze.');
    expect((await cli('import-register', file)).out).toContain('Nic do zmiany: rejestr jest już zgodny z plikiem.');
    const bad = await cli('import-register', new URL('../docs/examples/rejestr-bledy.csv', import.meta.url).pathname);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('wiersz 2, kolumna „PESEL”: PESEL ma nieprawidłową cyfrę kontrolną');
    expect((await cli('import-register')).err).toContain('Missing required arguments: FILE');
    expect((await cli('import-register', file, '--org', 'nie-ma')).err).toContain(
      'No organization with the identifier "nie-ma".',
    );
  }, 60_000);
});
