/**
 * What a backup reads from the catalog and what a restore does around the data: the tables and
 * their columns, identity sequences, user triggers (the ledger's append-only rule and running
 * totals, the audit log's), and the indexes and constraints set aside while the rows load.
 * Everything is in the `public` schema and found at run time, so a new migration needs no change here.
 */
import { quoteIdent, type Session } from './engine.ts';

/** Never backed up: this installation's own list of backups (about files on this machine). */
export const notBackedUp: readonly string[] = ['backup_runs'];

/**
 * Rows here do not make a target database non-empty: merely starting the application writes its
 * generated secret there. A restore replaces them with the backup's (TOTP keys are sealed with it).
 */
export const replacedOnRestore: readonly string[] = ['instance_secrets'];

export interface TableShape {
  name: string;
  columns: string[];
}

export interface SequenceState {
  table: string;
  column: string;
  lastValue: string;
  isCalled: boolean;
}

/** Every table of the application with its columns in order (generated columns left out). */
export async function listTables(session: Session): Promise<TableShape[]> {
  return session.rows<TableShape>(
    `select c.relname::text as name,
            json_agg(a.attname::text order by a.attnum) as columns
     from pg_class c
     join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
     where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
     group by c.relname
     order by c.relname`,
  );
}

async function identityColumns(session: Session): Promise<{ table: string; column: string; sequence: string }[]> {
  return session.rows(
    `select c.relname::text as table, a.attname::text as column,
            pg_get_serial_sequence(quote_ident(c.relname), a.attname) as sequence
     from pg_attribute a
     join pg_class c on c.oid = a.attrelid
     where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and a.attidentity <> ''
       and not a.attisdropped
     order by 1, 2`,
  );
}

/** Where each identity sequence stands (not transactional: read at the start of the snapshot). */
export async function readSequences(session: Session): Promise<SequenceState[]> {
  const states: SequenceState[] = [];
  for (const { table, column, sequence } of await identityColumns(session)) {
    if (notBackedUp.includes(table)) continue;
    const [state] = await session.rows<{ lastValue: string; isCalled: boolean }>(
      `select last_value::text as "lastValue", is_called as "isCalled" from ${sequence}`,
    );
    if (state) states.push({ table, column, ...state });
  }
  return states;
}

/** Sets each sequence as it stood, and never below the largest id restored. */
export async function restoreSequences(session: Session, states: SequenceState[]): Promise<void> {
  const sequences = new Map((await identityColumns(session)).map((c) => [`${c.table}.${c.column}`, c.sequence]));
  for (const state of states) {
    const sequence = sequences.get(`${state.table}.${state.column}`);
    if (!sequence) continue;
    const [max] = await session.rows<{ max: string | null }>(
      `select max(${quoteIdent(state.column)})::text as max from ${quoteIdent(state.table)}`,
    );
    const largest = max?.max ? BigInt(max.max) : 0n;
    const value = BigInt(state.lastValue);
    if (largest > value || (largest === value && largest > 0n && !state.isCalled)) {
      await session.rows('select setval($1::regclass, $2::bigint, true)', [sequence, largest.toString()]);
    } else {
      await session.rows('select setval($1::regclass, $2::bigint, $3)', [sequence, value.toString(), state.isCalled]);
    }
  }
}

/** The tables among `tables` that hold at least one row. */
export async function tablesWithRows(session: Session, tables: string[]): Promise<string[]> {
  if (tables.length === 0) return [];
  const rows = await session.rows<{ name: string }>(
    tables
      .map((table) => `select ${quoteLiteral(table)} as name where exists (select 1 from ${quoteIdent(table)})`)
      .join(' union all '),
  );
  return rows.map((row) => row.name);
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Takes the user triggers of the tables away while the rows load (the restored rows are final:
 * the ledger's monthly and yearly totals come from the backup, not from adding the entries up
 * again, and the append-only rules have nothing to refuse); returns how to put them back exactly
 * as they were. Dropped rather than disabled: a disabled trigger with a transition table still
 * makes PostgreSQL keep a copy of every inserted row for it.
 */
export async function setTriggersAside(session: Session): Promise<() => Promise<void>> {
  const triggers = await session.rows<{ table: string; name: string; definition: string; enabled: string }>(
    `select c.relname::text as table, t.tgname::text as name, pg_get_triggerdef(t.oid) as definition,
            t.tgenabled::text as enabled
     from pg_trigger t join pg_class c on c.oid = t.tgrelid
     where c.relnamespace = 'public'::regnamespace and not t.tgisinternal
     order by 1, 2`,
  );
  for (const { table, name } of triggers) {
    await session.run(`drop trigger ${quoteIdent(name)} on ${quoteIdent(table)}`);
  }
  return async () => {
    for (const { table, name, definition, enabled } of triggers) {
      await session.run(definition);
      const state = { D: 'disable', R: 'enable replica', A: 'enable always' }[enabled];
      if (state) await session.run(`alter table ${quoteIdent(table)} ${state} trigger ${quoteIdent(name)}`);
    }
  };
}

/**
 * Drops the foreign keys, primary keys, unique constraints and other indexes of the application's
 * tables, as pg_restore builds them only after the data: loading rows into bare tables and then
 * building each index once (and checking each foreign key with one join) is several times
 * faster than keeping them up to date row by row. Returns how to build them again, exactly as
 * they were (same names and definitions); a broken rule in the data fails the restore there.
 */
export async function setIndexesAside(session: Session): Promise<() => Promise<void>> {
  const constraints = await session.rows<{ table: string; name: string; type: string; definition: string }>(
    `select c.relname::text as table, con.conname::text as name, con.contype::text as type,
            pg_get_constraintdef(con.oid) as definition
     from pg_constraint con join pg_class c on c.oid = con.conrelid
     where c.relnamespace = 'public'::regnamespace and con.contype in ('p', 'u', 'f')
     order by c.relname, con.conname`,
  );
  const indexes = await session.rows<{ name: string; definition: string }>(
    `select i.relname::text as name, pg_get_indexdef(i.oid) as definition
     from pg_index x
     join pg_class i on i.oid = x.indexrelid
     join pg_class t on t.oid = x.indrelid
     where t.relnamespace = 'public'::regnamespace
       and not exists (select 1 from pg_constraint con where con.conindid = x.indexrelid and con.contype in ('p', 'u', 'x'))
     order by i.relname`,
  );
  const foreignKeys = constraints.filter((c) => c.type === 'f');
  const keys = constraints.filter((c) => c.type !== 'f');
  for (const c of [...foreignKeys, ...keys]) {
    await session.run(`alter table ${quoteIdent(c.table)} drop constraint ${quoteIdent(c.name)}`);
  }
  for (const index of indexes) await session.run(`drop index ${quoteIdent(index.name)}`);
  return async () => {
    for (const c of keys) {
      await session.run(`alter table ${quoteIdent(c.table)} add constraint ${quoteIdent(c.name)} ${c.definition}`);
    }
    for (const index of indexes) await session.run(index.definition);
    for (const c of foreignKeys) {
      await session.run(`alter table ${quoteIdent(c.table)} add constraint ${quoteIdent(c.name)} ${c.definition}`);
    }
  };
}
