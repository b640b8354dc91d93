/**
 * The map of the code, enforced (docs/architecture.md): features are rooms with doors. A feature
 * reads and writes another feature's data only through functions that feature exports — never by
 * importing its tables or naming them in SQL — and shared infrastructure does not reach into
 * features.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname);

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const featureOf = (file: string) => /^features\/([^/]+)\//.exec(file)?.[1];
const source = (file: string) => readFileSync(join(root, file), 'utf8');

/** Value imports (not `import type`) with the module they name, resolved against the file. */
function valueImports(file: string): string[] {
  const imports: string[] = [];
  for (const match of source(file).matchAll(/^import\s+(?!type\s)([^;]*?)\s+from\s+'([^']+)'/gms)) {
    const names = match[1] ?? '';
    // `import { type A, type B } from …` imports types only.
    const allTypes =
      /^\{[^}]*\}$/s.test(names) &&
      names
        .slice(1, -1)
        .split(',')
        .every((n) => /^\s*type\s|^\s*$/.test(n));
    const target = match[2] ?? '';
    if (!allTypes && target.startsWith('.')) imports.push(relative(root, join(root, file, '..', target)));
  }
  return imports;
}

/** Table name → owning feature (or infrastructure folder), from every schema module. */
function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of filesUnder('.').filter((f) => f.endsWith('schema.ts') && !f.startsWith('db/'))) {
    const owner = featureOf(file) ?? file.split('/')[0] ?? file;
    for (const match of source(file).matchAll(/pgTable\(\s*'([a-z_]+)'/g)) owners.set(match[1] ?? '', owner);
  }
  return owners;
}

const featureFiles = filesUnder('features').filter((f) => !isTest(f));

describe('architecture', () => {
  it("keeps each feature's tables behind its own modules: no other feature imports them", () => {
    const crossings = featureFiles.flatMap((file) =>
      valueImports(file)
        .filter((target) => target.endsWith('/schema.ts') && featureOf(target) !== featureOf(file))
        // A table may reference another feature's table in a foreign key.
        .filter(() => !file.endsWith('/schema.ts'))
        .map((target) => `${file} → ${target}`),
    );
    expect(crossings).toEqual([]);
  });

  it("never names another feature's tables in SQL", () => {
    const owners = tableOwners();
    expect(owners.size).toBeGreaterThan(20);
    const crossings: string[] = [];
    for (const file of featureFiles.filter((f) => !f.endsWith('/schema.ts'))) {
      const text = source(file);
      for (const match of text.matchAll(/\b(?:from|join|into|update)\s+"?([a-z_]+)"?/gi)) {
        const table = match[1]?.toLowerCase() ?? '';
        const owner = owners.get(table);
        if (owner && owner !== featureOf(file)) crossings.push(`${file}: ${table} (${owner})`);
      }
    }
    expect([...new Set(crossings)]).toEqual([]);
  });

  it('keeps infrastructure out of features: lib, db, files, pdf and jobs import no feature code', () => {
    const infrastructure = ['lib', 'db', 'files', 'pdf'].flatMap(filesUnder).filter((f) => !isTest(f));
    const reaching = infrastructure.flatMap((file) =>
      valueImports(file)
        .filter((target) => target.startsWith('features/') && !target.endsWith('/schema.ts'))
        .map((target) => `${file} → ${target}`),
    );
    expect(reaching).toEqual([]);
  });

  it('lets http/ use features only to register them and to resolve sessions', () => {
    const allowed = new Set(['http/app.ts', 'http/auth.ts']);
    const reaching = filesUnder('http')
      .filter((f) => !isTest(f) && !allowed.has(f))
      .flatMap((file) =>
        valueImports(file)
          .filter((target) => target.startsWith('features/'))
          .map((target) => `${file} → ${target}`),
      );
    expect(reaching).toEqual([]);
  });

  it('keeps route modules small enough to read: none over 300 lines', () => {
    const routeModules = featureFiles.filter((f) => /routes?[^/]*\.tsx?$|\/routes\//.test(f));
    expect(routeModules.length).toBeGreaterThan(10);
    const long = routeModules
      .map((file) => ({ file, lines: source(file).split('\n').length }))
      .filter(({ lines }) => lines > 300)
      .map(({ file, lines }) => `${file}: ${lines}`);
    expect(long).toEqual([]);
  });

  it('reads request input through schemas, never through casts', () => {
    const casts = featureFiles.flatMap((file) =>
      source(file)
        .split('\n')
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => /(request|ctx)\.(account|query|params|body)\)?\s+as\s/.test(line))
        .map(({ line, index }) => `${file}:${index + 1}: ${line.trim()}`),
    );
    expect(casts).toEqual([]);
  });

  it('reads together through readTogether where the handle may be a transaction: no Promise.all over a db', () => {
    // A function given `db`/`tx` may be running in a transaction (one connection): Promise.all
    // would overlap queries on it. Route handlers read `app.db`, the pool, and may use Promise.all.
    const modules = filesUnder('.').filter((f) => !isTest(f) && !/routes?[^/]*\.tsx?$|\/routes\/|\/views\//.test(f));
    expect(modules.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const file of modules) {
      const text = source(file);
      for (const match of text.matchAll(/Promise\.all(?:Settled)?\(/g)) {
        // The call's whole argument: up to its closing parenthesis.
        let depth = 1;
        let end = match.index + match[0].length;
        for (; end < text.length && depth > 0; end++) {
          if (text[end] === '(') depth++;
          else if (text[end] === ')') depth--;
        }
        const call = text.slice(match.index, end);
        // `db`/`tx` handed to a read, or queried directly (`db.select(…)`); not `app.db`.
        if (/(?<![\w.$])(?:db|tx)\s*(?:[,)]|\.(?:select|execute|query|insert|update|delete)\b)/.test(call)) {
          found.push(`${file}:${text.slice(0, match.index).split('\n').length}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
