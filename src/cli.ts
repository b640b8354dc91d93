// Administrative commands: `npm run cli -- <command> [options]`.
//
// The command line itself (usage, help, argument errors) speaks English, like other tools an
// administrator runs; what a command reports about the cooperative's data is Polish, in the words
// of the features it calls (their validation messages, import reports). Times are Warsaw time.

import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { ConfigError, loadConfig } from './config.ts';
import type { Db } from './db/client.ts';
import { connectWithRetry } from './db/connect.ts';
import { migrateDatabase } from './db/migrate.ts';
import { retryTransient } from './db/transient.ts';
import { loadDemoIfEmpty } from './demo/load-demo.ts';
import { AppError, ValidationError } from './errors.ts';
import { createStaffAccount, newStaffSchema } from './features/accounts/staff.ts';
import { type Actor, systemActor } from './features/audit/audit.ts';
import { formatImportReports, importStatements } from './features/bank/import-statements.ts';
import { settleNotices } from './features/fee-changes/settle.ts';
import { runCharges } from './features/ledger/fees.ts';
import { formatPaymentImportReport, importPayments } from './features/ledger/import-payments.ts';
import { isMonth } from './features/ledger/rules/months.ts';
import { ledgerSettingsOf } from './features/ledger/settings.ts';
import {
  createOrganization,
  type OrganizationInput,
  organizationInput,
} from './features/organizations/create-organization.ts';
import { findOrganizationBySlug, type Organization } from './features/organizations/queries.ts';
import { organizations } from './features/organizations/schema.ts';
import { importRegister } from './features/units/import/import-register.ts';
import { formatImportReport, importFailed } from './features/units/import/report.ts';
import { parseInput } from './lib/field-errors.ts';
import { formatDateTime } from './lib/format.ts';
import { countOf } from './lib/plural.ts';
import { warsawDate } from './lib/warsaw-time.ts';
import { backupCommand, requireBackupKey, restoreCommand } from './ops/backup/commands.ts';

interface Option {
  type: 'string' | 'boolean';
  description: string;
  required?: boolean;
  /** What a string option takes, in the usage line: `--org SLUG`. */
  value?: string;
}

interface Command {
  summary: string;
  options: Record<string, Option>;
  /** Required positional arguments, in order. */
  positionals?: { name: string; description: string }[];
  /** Input fields of the feature that this command's options name differently (`displayName` → `name`). */
  optionOfField?: Record<string, string>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<string>;
}

/** `--org` of every command that works on one organization. */
const orgOption: Option = {
  type: 'string',
  value: 'SLUG',
  description: 'organization identifier (default: the only one)',
};

/** A command that ran but failed: its whole output goes to stderr and the exit code is 1. */
class CliFailure extends Error {}

/** An argument the command line cannot use; reported with the command's usage. */
class UsageError extends Error {}

/** The organization named by --org, or the only one there is. */
async function organizationFor(db: Db, slug: string | undefined): Promise<Organization> {
  if (slug) {
    const organization = await findOrganizationBySlug(db, slug);
    if (!organization) throw new UsageError(`No organization with the identifier "${slug}".`);
    return organization;
  }
  const all = await db.select().from(organizations).limit(2);
  if (all.length !== 1 || !all[0]) {
    throw new UsageError(
      all.length === 0
        ? 'The database has no organization yet: create one with create-org.'
        : 'The database has several organizations: choose one with --org SLUG.',
    );
  }
  return all[0];
}

/** The CLI as the author of a change, as the audit log records it (user agent `cli`). */
function cliActor(organizationId: number): Actor {
  return { ...systemActor(organizationId, 'cli'), origin: { ip: null, userAgent: 'cli' } };
}

async function withDatabase<T>(
  work: (database: Awaited<ReturnType<typeof connectWithRetry>>) => Promise<T>,
  { migrate = true } = {},
) {
  const config = loadConfig();
  const database = await connectWithRetry({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    attempts: config.databaseConnectAttempts,
    log: { warn: (o: unknown) => console.warn('The database does not answer; retrying…', o), error: () => {} },
  });
  try {
    if (migrate) await migrateDatabase(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

const commands: Record<string, Command> = {
  migrate: {
    summary: 'Apply pending database migrations (start-up does this too).',
    options: {},
    run: () => withDatabase(async () => 'Migracje zastosowane: baza danych jest aktualna.'),
  },
  'create-org': {
    summary: 'Create an organization (a cooperative or housing community).',
    options: {
      slug: { type: 'string', value: 'SLUG', description: 'short identifier, e.g. paderewski', required: true },
      name: { type: 'string', value: 'NAME', description: 'full name', required: true },
      'short-name': { type: 'string', value: 'NAME', description: 'short name', required: true },
      street: { type: 'string', value: 'STREET', description: 'street and number', required: true },
      postcode: { type: 'string', value: 'POSTCODE', description: 'postcode 00-000', required: true },
      city: { type: 'string', value: 'CITY', description: 'city', required: true },
      phone: { type: 'string', value: 'PHONE', description: 'phone of the office' },
      fax: { type: 'string', value: 'FAX', description: 'fax of the office' },
      email: { type: 'string', value: 'EMAIL', description: 'e-mail of the office' },
      'bank-account': { type: 'string', value: 'NRB', description: 'bank account (26 digits)' },
      hostname: { type: 'string', value: 'HOST', description: 'host name of its site (several organizations)' },
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
    summary: 'Create an administrator of an organization; prints a starting password once.',
    options: {
      login: { type: 'string', value: 'LOGIN', description: 'login of the new administrator', required: true },
      name: { type: 'string', value: 'NAME', description: 'first and last name', required: true },
      email: { type: 'string', value: 'EMAIL', description: 'e-mail address' },
      org: orgOption,
    },
    optionOfField: { displayName: 'name' },
    run: (v) =>
      withDatabase(async ({ db }) => {
        const organization = await organizationFor(db, v.org as string | undefined);
        const { account, temporaryPassword, expiresAt } = await createStaffAccount(db, {
          actor: cliActor(organization.id),
          organization,
          now: new Date(),
          input: parseInput(newStaffSchema, {
            login: String(v.login),
            displayName: String(v.name),
            email: String(v.email ?? ''),
            roles: ['admin'],
          }),
        });
        return [
          `Utworzono administratora ${account.login} w: ${organization.name}.`,
          `Hasło startowe (pokazywane tylko teraz): ${temporaryPassword}`,
          `Ważne do: ${formatDateTime(expiresAt)} (czas polski). Przy pierwszym logowaniu w /panel trzeba ustawić nowe hasło i weryfikację dwuetapową.`,
        ].join('\n');
      }),
  },
  'import-register': {
    summary: 'Import the register (buildings, units, persons, rights) from a CSV file (docs/import-register.md).',
    options: {
      org: orgOption,
      'dry-run': { type: 'boolean', description: 'check and count only, write nothing' },
      encoding: {
        type: 'string',
        value: 'utf-8|windows-1250',
        description: 'encoding of the file (default: detected)',
      },
    },
    positionals: [{ name: 'FILE', description: 'the register CSV file' }],
    run: async (v, [file]) => {
      const encoding = (v.encoding as string | undefined) ?? 'auto';
      if (!['auto', 'utf-8', 'windows-1250'].includes(encoding)) {
        throw new UsageError('--encoding takes utf-8 or windows-1250.');
      }
      const config = loadConfig();
      return withDatabase(async ({ db }) => {
        const organization = await organizationFor(db, v.org as string | undefined);
        let lastShown = 0;
        let lastPhase = 'reading';
        const report = await importRegister(db, {
          actor: cliActor(organization.id),
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
    options: { org: orgOption },
    positionals: [{ name: 'FILE', description: 'the payments CSV file' }],
    run: (v, [file]) =>
      withDatabase(async ({ db }) => {
        const organization = await organizationFor(db, v.org as string | undefined);
        // One transaction, and a payment already booked is skipped: after a failover of the
        // database the whole file is simply imported again.
        const report = await retryTransient(
          () =>
            importPayments(db, {
              actor: cliActor(organization.id),
              source: { path: String(file) },
              bookingDate: warsawDate(new Date()),
              startDate: ledgerSettingsOf(organization).startDate,
            }),
          {
            timeoutMs: 120_000,
            onRetry: (_error, attempt) => {
              if (attempt === 1 || attempt % 10 === 0) {
                console.warn('Baza danych chwilowo nie odpowiada; ponawiam import całego pliku…');
              }
            },
          },
        );
        const text = `${organization.name}\n${formatPaymentImportReport(report)}`;
        if (report.fileError || report.errors.length > 0) throw new CliFailure(text);
        return text;
      }),
  },
  'import-statement': {
    summary:
      'Import bank statements (MT940, camt.053/054, Elixir-O): matched credits become payments; a re-import changes nothing.',
    options: {
      org: orgOption,
      encoding: { type: 'string', value: 'ENC', description: 'cp852, windows-1250 or utf-8 (default: detected)' },
    },
    positionals: [{ name: 'FILE…', description: 'one or more statement files' }],
    run: (v, files) =>
      withDatabase(async ({ db }) => {
        const organization = await organizationFor(db, v.org as string | undefined);
        const encoding = v.encoding as string | undefined;
        if (encoding !== undefined && !['cp852', 'windows-1250', 'utf-8'].includes(encoding)) {
          throw new CliFailure(`Nieznane kodowanie „${encoding}”: podaj cp852, windows-1250 albo utf-8.`);
        }
        const loaded = await Promise.all(
          files.map(async (file) => ({ name: basename(file), bytes: await readFile(file) })),
        );
        const reports = await importStatements(db, {
          actor: cliActor(organization.id),
          organization,
          files: loaded,
          encoding: encoding as 'cp852' | 'windows-1250' | 'utf-8' | undefined,
        });
        const text = `${organization.name}\n${formatImportReports(reports)}`;
        if (reports.some((r) => r.error !== undefined)) throw new CliFailure(text);
        return text;
      }),
  },
  'charge-run': {
    summary: 'Book the monthly charges for a month from the fee schedules (idempotent).',
    options: { org: orgOption },
    positionals: [{ name: 'YYYY-MM', description: 'the month, e.g. 2026-03' }],
    run: (v, [month]) =>
      withDatabase(async ({ db }) => {
        if (!isMonth(String(month))) throw new UsageError('The month is YYYY-MM, e.g. 2026-03.');
        const organization = await organizationFor(db, v.org as string | undefined);
        await settleNotices(db, { actor: cliActor(organization.id), organization });
        const result = await runCharges(db, {
          actor: cliActor(organization.id),
          month: String(month),
          dueDay: ledgerSettingsOf(organization).dueDay,
          bookingDate: warsawDate(new Date()),
        });
        const entries = { one: 'pozycję', few: 'pozycje', many: 'pozycji' };
        return `${organization.name}\nNaliczenie za ${month}: zaksięgowano ${countOf(result.booked, entries)}, już zaksięgowanych wcześniej: ${result.total - result.booked}.`;
      }),
  },
  backup: {
    summary: 'Back up the whole database into a new file, encrypted with BACKUP_KEY (docs/backup-restore.md).',
    options: {},
    positionals: [{ name: 'FILE', description: 'the new backup file (never overwritten)' }],
    // As the database is: a backup taken before an upgrade must not be migrated first.
    run: (_v, [file]) => {
      const key = requireBackupKey(loadConfig().backupKey);
      return withDatabase((database) => backupCommand(database, { file: String(file), key }), { migrate: false });
    },
  },
  restore: {
    summary: 'Restore a backup into a new, empty database (DATABASE_URL, else DATA_DIR), e.g. to move to a server.',
    options: {},
    positionals: [{ name: 'FILE', description: 'the backup file' }],
    // The restore migrates the target itself, to the backup's migration first.
    run: (_v, [file]) => {
      const key = requireBackupKey(loadConfig().backupKey);
      return withDatabase((database) => restoreCommand(database, { file: String(file), key }), { migrate: false });
    },
  },
  demo: {
    summary: 'Load the demo cooperative into an empty database (never in production).',
    options: {},
    run: () =>
      withDatabase(async (database) => {
        if (loadConfig().isProduction)
          throw new UsageError('The demo is never loaded in production (NODE_ENV=production).');
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
  lines.push('', 'npm run cli -- <command> --help shows the options of a command.');
  return lines.join('\n');
}

/** `--org SLUG` or `--dry-run`. */
function optionUsage(name: string, option: Option): string {
  return option.type === 'boolean' ? `--${name}` : `--${name} ${option.value ?? 'VALUE'}`;
}

/** One usage line built from the command's arguments: positionals, required options, [optional ones]. */
function usageLine(name: string, command: Command): string {
  const options = Object.entries(command.options);
  return [
    name,
    ...(command.positionals ?? []).map((p) => p.name),
    ...options.filter(([, o]) => o.required).map(([key, o]) => optionUsage(key, o)),
    ...options.filter(([, o]) => !o.required).map(([key, o]) => `[${optionUsage(key, o)}]`),
  ].join(' ');
}

function commandHelp(name: string, command: Command): string {
  const lines = [`Usage: npm run cli -- ${usageLine(name, command)}`, '', command.summary];
  const rows = [
    ...(command.positionals ?? []).map((p) => [p.name, p.description] as const),
    ...Object.entries(command.options).map(
      ([key, o]) => [optionUsage(key, o), `${o.description}${o.required ? ' (required)' : ''}`] as const,
    ),
  ];
  if (rows.length > 0) lines.push('');
  const width = Math.max(...rows.map(([left]) => left.length));
  for (const [left, right] of rows) lines.push(`  ${left.padEnd(width)}  ${right}`);
  return lines.join('\n');
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
  missing.push(...(command.positionals ?? []).slice(positionals.length).map((p) => p.name));
  if (missing.length > 0) {
    err(`Missing required arguments: ${missing.join(', ')}\n\n${commandHelp(name, command)}`);
    return 1;
  }
  // The option that an input field of the feature came from: `shortName` → `--short-name`.
  const optionOf = (field: PropertyKey | undefined) =>
    `--${command.optionOfField?.[String(field)] ?? String(field).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  try {
    out(await command.run(values, positionals));
    return 0;
  } catch (error) {
    if (error instanceof CliFailure) {
      err(error.message);
    } else if (error instanceof UsageError) {
      err(`${error.message}\n\n${commandHelp(name, command)}`);
    } else if (error instanceof ZodError) {
      err(`Invalid arguments:\n${error.issues.map((i) => `  ${optionOf(i.path[0])}: ${i.message}`).join('\n')}`);
    } else if (error instanceof ValidationError) {
      err(
        `Invalid arguments:\n${error.fields.map((f) => `  ${f.field ? `${optionOf(f.field)}: ` : ''}${f.message}`).join('\n')}`,
      );
    } else if (error instanceof AppError || error instanceof ConfigError) {
      err(error.message);
    } else {
      err(`Command failed: ${(error as Error).message}`);
    }
    return 1;
  }
}

if (import.meta.main) {
  process.exitCode = await runCli(process.argv.slice(2));
}
