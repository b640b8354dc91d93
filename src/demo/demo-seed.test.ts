import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDemoSeed, seedDemoDataDir } from './demo-seed.ts';

describe('a new demo data directory from the build’s seed', () => {
  let root: string;
  let seedDir: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'osiedle-demo-seed-'));
    seedDir = join(root, 'seed');
    mkdirSync(join(seedDir, 'data', 'base'), { recursive: true });
    writeFileSync(join(seedDir, 'data', 'PG_VERSION'), '17\n');
    writeFileSync(join(seedDir, 'data', 'base', 'table'), 'rows');
    writeFileSync(join(seedDir, 'demo-seed.json'), JSON.stringify({ madeFor: '2026-12-01' }));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is a copy of the seed when the directory is missing or empty', async () => {
    expect(await readDemoSeed(seedDir)).toEqual({ madeFor: '2026-12-01' });
    const missing = join(root, 'a', 'data');
    expect(await seedDemoDataDir({ dataDir: missing, today: '2026-12-06', seedDir })).toBe('2026-12-01');
    expect(readFileSync(join(missing, 'base', 'table'), 'utf8')).toBe('rows');
    const empty = join(root, 'b');
    mkdirSync(empty);
    expect(await seedDemoDataDir({ dataDir: empty, today: '2026-12-01', seedDir })).toBe('2026-12-01');
    expect(existsSync(join(empty, 'PG_VERSION'))).toBe(true);
    // The seed itself is untouched, and no partial copy is left behind.
    expect(readFileSync(join(seedDir, 'data', 'base', 'table'), 'utf8')).toBe('rows');
    expect(existsSync(`${empty}.seed-${process.pid}`)).toBe(false);
  });

  it('leaves alone a directory with anything in it, memory, a seed made after today, or no seed', async () => {
    const used = join(root, 'used');
    mkdirSync(used);
    writeFileSync(join(used, 'PG_VERSION'), '17\n');
    expect(await seedDemoDataDir({ dataDir: used, today: '2026-12-06', seedDir })).toBeUndefined();
    expect(existsSync(join(used, 'base'))).toBe(false);
    expect(await seedDemoDataDir({ dataDir: 'memory://', today: '2026-12-06', seedDir })).toBeUndefined();
    expect(await seedDemoDataDir({ dataDir: join(root, 'c'), today: '2026-11-30', seedDir })).toBeUndefined();
    expect(existsSync(join(root, 'c'))).toBe(false);
    rmSync(join(seedDir, 'demo-seed.json'));
    expect(await seedDemoDataDir({ dataDir: join(root, 'd'), today: '2026-12-06', seedDir })).toBeUndefined();
  });
});
