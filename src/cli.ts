// Administrative commands: `npm run cli -- <command> [options]`.
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { ConfigError, loadConfig } from './config.ts';
import type { Db } from './db/client.ts';
import { connectWithRetry } from './db/connect.ts';
import { migrateDatabase } from './db/migrate.ts';
import { loadDemoIfEmpty } from './demo/load-demo.ts';
import { AppError, ValidationError } from './errors.ts';
import { createStaffAccount } from './features/accounts/staff.ts';
import { formatPaymentImportReport, importPayments } from './features/ledger/import-payments.ts';
import { runCharges } from './features/ledger/ledger.ts';
import { isMonth } from './features/ledger/rules/months.ts';
import { ledgerSettingsOf } from './features/ledger/settings.ts';
import {
  createOrganization,
  type OrganizationInput,
  organizationInput,
} from './features/organizations/create-organization.ts';
import { findOrganizationBySlug, type Organization } from './features/organizations/queries.ts';
import { organizations } from './features/organizations/schema.ts';
import { auditLogWriter } from './features/units/audit.ts';
import { importRegister } from './features/units/import/import-register.ts';
import { formatImportReport, importFailed } from './features/units/import/report.ts';
import { warsawDate } from './lib/warsaw-time.ts';

interface Command {
  summary: string;
  usage: string;
  options: Record<string, { type: 'string' | 'boolean'; description: string; required?: boolean }>;
  /** Names of required positional arguments, for the usage message. */
  positionals?: string[];
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<string>;
}

/** A command that ran but failed: its whole output goes to stderr and the exit code is 1. */
class CliFailure extends Error {}

/** The organization named by --org, or the only one there is. */
async function organizationFor(db: Db, slug: string | undefined): Promise<Organization> {
  if (slug) {
    const organization = await findOrganizationBySlug(db, slug);
    if (!organization) throw new AppError('not_found', `Nie ma spółdzielni o identyfikatorze „${slug}”.`);
    return organization;
  }
  const all = await db.select().from(organizations).limit(2);
  if (all.length !== 1 || !all[0]) {
    throw new AppError(
      'invalid_input',
      all.length === 0
        ? 'W bazie nie ma żadnej spółdzielni (utwórz ją: create-org).'
        : 'Podaj spółdzielnię: --org identyfikator.',
    );
  }
  return all[0];
}

async function withDatabase<T>(work: (database: Awaited<ReturnType<typeof connectWithRetry>>) => Promise<T>) {
  const config = loadConfig();
  const database = await connectWithRetry({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
    attempts: config.databaseConnectAttempts,
    log: { warn: (o: unknown) => console.warn('Baza danych nie odpowiada, ponawiam…', o), error: () => {} },
  });
  try {
    await migrateDatabase(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

const commands: Record<string, Command> = {
  migrate: {
    summary: 'Apply pending database migrations (start-up does this too).',
    usage: 'migrate',
    options: {},
    run: () => withDatabase(async () => 'Migracje zastosowane: baza danych jest aktualna.'),
  },
  'create-org': {
    summary: 'Create an organization (a cooperative or housing community).',
    usage:
      'create-org --slug paderewski --name "Spółdzielnia Mieszkaniowa …" --short-name "SM …" --street "ul. Paderewskiego 65" --postcode 40-282 --city Katowice [--phone …] [--fax …] [--email …] [--bank-account …] [--hostname …]',
    options: {
      slug: { type: 'string', description: 'short identifier, e.g. paderewski', required: true },
      name: { type: 'string', description: 'full name', required: true },
      'short-name': { type: 'string', description: 'short name', required: true },
      street: { type: 'string', description: 'street and number', required: true },
      postcode: { type: 'string', description: 'postcode 00-000', required: true },
      city: { type: 'string', description: 'city', required: true },
      phone: { type: 'string', description: 'phone' },
      fax: { type: 'string', description: 'fax' },
      email: { type: 'string', description: 'e-mail of the office' },
      'bank-account': { type: 'string', description: 'bank account (NRB)' },
      hostname: { type: 'string', description: 'host name of its site (several organizations)' },
    },
    run: async (v) => {
      const input: OrganizationInput = {
        slug: String(v.slug),
        name: String(v.name),
        shortName: String(v['short-name']),
        street: String(v.street),
        postcode: String(v.postcode),
        city: String(v.city),
        phone: v.phone as string | undefined,
        fax: v.fax as string | undefined,
        email: v.email as string | undefined,
        bankAccount: v['bank-account'] as string | undefined,
        hostname: v.hostname as string | undefined,
      };
      // Validate before touching the database, so a typo is reported at once.
      organizationInput.parse(input);
      return withDatabase(async ({ db }) => {
        const organization = await createOrganization({ db, input });
        return `Utworzono: ${organization.name} (identyfikator ${organization.slug}).`;
      });
    },
  },
  'create-admin': {
    summary: 'Create the first administrator of an organization; prints a starting password once.',
    usage: 'create-admin --org paderewski --login jkowalska --name "Joanna Kowalska" [--email j.kowalska@example.pl]',
    options: {
      org: { type: 'string', description: 'organization identifier (slug)', required: true },
      login: { type: 'string', description: 'login of the new administrator', required: true },
      name: { type: 'string', description: 'first and last name', required: true },
      email: { type: 'string', description: 'e-mail address' },
    },
    run: (v) =>
      withDatabase(async ({ db }) => {
        const organization = await findOrganizationBySlug(db, String(v.org));
        if (!organization) throw new AppError('not_found', `Nie ma spółdzielni o identyfikatorze „${String(v.org)}”.`);
        const { account, temporaryPassword } = await createStaffAccount({
          db,
          actor: null,
          organizationId: organization.id,
          origin: { ip: null, userAgent: 'cli' },
          now: new Date(),
          input: {
            login: String(v.login),
            displayName: String(v.name),
            email: String(v.email ?? ''),
            roles: ['admin'],
          },
        });
        return [
          `Utworzono administratora ${account.login} w: ${organization.name}.`,
          `Hasło startowe (pokazywane tylko teraz): ${temporaryPassword}`,
          `Ważne do: ${account.passwordExpiresAt?.toISOString()}. Przy pierwszym logowaniu w /panel trzeba ustawić nowe hasło i weryfikację dwuetapową.`,
        ].join('\n');
      }),
  },
  'import-register': {
    summary: 'Import the register (buildings, units, persons, rights) from a CSV file (docs/import-register.md).',
    usage: 'import-register FILE [--org slug] [--dry-run] [--encoding utf-8|windows-1250]',
    options: {
      org: { type: 'string', description: 'organization slug (default: the only one)' },
      'dry-run': { type: 'boolean', description: 'check and count only, write nothing' },
      encoding: { type: 'string', description: 'utf-8 or windows-1250 (default: detected)' },
    },
    positionals: ['FILE'],
    run: async (v, [file]) => {
      const encoding = (v.encoding as string | undefined) ?? 'auto';
      if (!['auto', 'utf-8', 'windows-1250'].includes(encoding)) {
        throw new AppError('invalid_input', 'Kodowanie: utf-8 albo windows-1250.');
      }
      const config = loadConfig();
      return withDatabase(async ({ db }) => {
        const organization = await organizationFor(db, v.org as string | undefined);
        let lastShown = 0;
        let lastPhase = 'reading';
        const report = await importRegister({
          db,
          organizationId: organization.id,
          // The CLI acts as the system until accounts exist (issue 4).
          actor: { accountId: null, label: 'cli' },
          audit: auditLogWriter({ ip: null, userAgent: 'cli' }),
          source: { path: String(file) },
          dryRun: v['dry-run'] === true,
          maxBytes: config.importMaxBytes,
          encoding: encoding as 'auto' | 'utf-8' | 'windows-1250',
          onProgress: ({ phase, rows }) => {
            if (phase === 'checking') return;
            // Writing counts from zero again.
            if (phase !== lastPhase) [lastPhase, lastShown] = [phase, 0];
            if (rows - lastShown >= 10_000) {
              lastShown = rows;
              console.error(`${phase === 'reading' ? 'Sprawdzono' : 'Zapisano'} ${rows} wierszy…`);
            }
          },
        });
        const text = `${organization.name}\n${formatImportReport(report)}`;
        if (importFailed(report)) throw new CliFailure(text);
        return text;
      });
    },
  },
  'import-payments': {
    summary: 'Book payments from a CSV file (lokal;data;kwota;referencja;opis); atomic, a re-import is a no-op.',
    usage: 'import-payments FILE [--org slug]',
    options: { org: { type: 'string', description: 'organization slug (default: the only one)' } },
    positionals: ['FILE'],
    run: (v, [file]) =>
      withDatabase(async ({ db }) => {
        const organization = await organizationFor(db, v.org as string | undefined);
        const report = await importPayments({
          db,
          organizationId: organization.id,
          actor: { accountId: null, label: 'cli' },
          audit: auditLogWriter({ ip: null, userAgent: 'cli' }),
          source: { path: String(file) },
          bookingDate: warsawDate(new Date()),
        });
        const text = `${organization.name}\n${formatPaymentImportReport(report)}`;
        if (report.fileError || report.errors.length > 0) throw new CliFailure(text);
        return text;
      }),
  },
  'charge-run': {
    summary: 'Book the monthly charges for a month from the fee schedules (idempotent).',
    usage: 'charge-run YYYY-MM [--org slug]',
    options: { org: { type: 'string', description: 'organization slug (default: the only one)' } },
    positionals: ['MONTH'],
    run: (v, [month]) =>
      withDatabase(async ({ db }) => {
        if (!isMonth(String(month))) throw new AppError('invalid_input', 'Miesiąc w formacie RRRR-MM, np. 2026-03.');
        const organization = await organizationFor(db, v.org as string | undefined);
        const result = await runCharges({
          db,
          organizationId: organization.id,
          actor: { accountId: null, label: 'cli' },
          audit: auditLogWriter({ ip: null, userAgent: 'cli' }),
          month: String(month),
          dueDay: ledgerSettingsOf(organization).dueDay,
          bookingDate: warsawDate(new Date()),
        });
        return `${organization.name}\nNaliczenie za ${month}: zaksięgowano ${result.booked} pozycji, już zaksięgowanych ${result.total - result.booked}.`;
      }),
  },
  demo: {
    summary: 'Load the demo cooperative into an empty database (never in production).',
    usage: 'demo',
    options: {},
    run: () =>
      withDatabase(async (database) => {
        if (loadConfig().isProduction)
          throw new AppError('invalid_input', 'Dane demonstracyjne nie są wczytywane w produkcji.');
        const organization = await loadDemoIfEmpty(database, { sessionSecret: loadConfig().sessionSecret });
        return organization
          ? `Wczytano dane demonstracyjne: ${organization.name}.`
          : 'Baza danych nie jest pusta: dane demonstracyjne nie zostały wczytane.';
      }),
  },
};

function help(): string {
  const lines = ['Usage: npm run cli -- <command> [options]', '', 'Commands:'];
  for (const [name, command] of Object.entries(commands)) lines.push(`  ${name.padEnd(16)} ${command.summary}`);
  return lines.join('\n');
}

function commandHelp(name: string, command: Command): string {
  const lines = [`Usage: npm run cli -- ${command.usage}`, '', command.summary];
  for (const [option, spec] of Object.entries(command.options)) {
    lines.push(`  --${option.padEnd(14)} ${spec.description}${spec.required ? ' (required)' : ''}`);
  }
  return [name, ...lines].slice(1).join('\n');
}

/** Runs one command; returns the exit code. Exported for tests. */
export async function runCli(argv: string[], out = console.log, err = console.error): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help') {
    out(help());
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    err(`Unknown command "${name}".\n\n${help()}`);
    return 1;
  }
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    const options = Object.fromEntries(
      Object.entries(command.options).map(([key, spec]) => [key, { type: spec.type }]),
    ) as Record<string, { type: 'string' | 'boolean' }>;
    const parsed = parseArgs({
      args: rest,
      options: { ...options, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: (command.positionals?.length ?? 0) > 0,
    });
    values = parsed.values;
    positionals = parsed.positionals;
  } catch (error) {
    err(`${(error as Error).message}\n\n${commandHelp(name, command)}`);
    return 1;
  }
  if (values.help) {
    out(commandHelp(name, command));
    return 0;
  }
  const missing = Object.entries(command.options)
    .filter(([key, spec]) => spec.required && (values[key] === undefined || values[key] === ''))
    .map(([key]) => `--${key}`);
  missing.push(...(command.positionals ?? []).slice(positionals.length));
  if (missing.length > 0) {
    err(`Missing required arguments: ${missing.join(', ')}\n\n${commandHelp(name, command)}`);
    return 1;
  }
  try {
    out(await command.run(values, positionals));
    return 0;
  } catch (error) {
    if (error instanceof CliFailure) {
      err(error.message);
    } else if (error instanceof ZodError) {
      const option = (path: PropertyKey | undefined) => String(path).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      err(`Nieprawidłowe dane:\n${error.issues.map((i) => `  --${option(i.path[0])}: ${i.message}`).join('\n')}`);
    } else if (error instanceof ValidationError) {
      err(
        `Nieprawidłowe dane:\n${error.fields.map((f) => `  ${f.field ? `--${f.field}: ` : ''}${f.message}`).join('\n')}`,
      );
    } else if (error instanceof AppError || error instanceof ConfigError) {
      err(error.message);
    } else {
      err(`Polecenie nie powiodło się: ${(error as Error).message}`);
    }
    return 1;
  }
}

if (import.meta.main) {
  process.exitCode = await runCli(process.argv.slice(2));
}
