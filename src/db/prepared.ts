import type { Placeholder } from 'drizzle-orm';
import type { Db } from './client.ts';

/** A value, or a prepared query's placeholder for it (a condition shared by prepared and plain queries). */
export type ValueOrPlaceholder<T> = T | Placeholder;

/** The values of a prepared query's placeholders, by name. */
type Placeholders = Record<string, unknown>;

/** What Drizzle's `.prepare()` gives: a statement whose SQL text is already built. */
interface PreparedStatement<Result> {
  execute(placeholders?: Placeholders): Promise<Result>;
}

/** A Drizzle query (select, insert, update, delete) that can be prepared. */
interface Preparable<Result> {
  prepare(name: string): PreparedStatement<Result>;
}

/**
 * A read that runs on every page or on the e-BOK start page (the session, the start page's
 * counts), built once per database handle instead of at every call.
 *
 * Drizzle turns a query builder into SQL text at every call: walking its columns and conditions
 * costs about as much CPU as sending the query and parsing the answer (0.1 ms for a small select,
 * more with joins), and on the e-BOK start page it was the largest single part of the server's
 * own CPU. Values come as `sql.placeholder(name)`, filled at each call. Keep the prepared query
 * private to its module, behind a typed function.
 *
 * The statement stays unnamed on the server (`prepare('')`): PostgreSQL parses and plans it at
 * each call as it does every other statement, so a plan never outlives a change of the data's
 * shape, and only the application's work is saved. A transaction handle gets its own copy.
 */
export function preparedQuery<Result>(
  build: (db: Db) => Preparable<Result>,
): (db: Db, placeholders: Placeholders) => Promise<Result> {
  const built = new WeakMap<Db, PreparedStatement<Result>>();
  return (db, placeholders) => {
    let statement = built.get(db);
    if (!statement) {
      statement = build(db).prepare('');
      built.set(db, statement);
    }
    return statement.execute(placeholders);
  };
}
