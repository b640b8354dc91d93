import { describe, expect, it } from 'vitest';
import { statementOf } from './build.ts';
import { encodeText } from './decode.ts';
import { openStatementEvents, type StatementEventReader } from './read.ts';
import { openStatementFileInThread } from './read-runner.ts';
import type { StatementEvent } from './statement.ts';
import { writeCamt053, writeMt940 } from './write.ts';

const ACCOUNT = '72102023130000310200000001';
const many = statementOf(
  Array.from({ length: 2_500 }, (_, i) => ({
    reference: `R${i}`,
    amount: 100 + i,
    title: `Opłata za lokal ${i}, zażółć gęślą jaźń`,
  })),
  { account: ACCOUNT, number: '9', periodFrom: '2026-03-01', periodTo: '2026-03-28' },
);

async function readAll(reader: StatementEventReader, size: number): Promise<StatementEvent[]> {
  const events: StatementEvent[] = [];
  try {
    for (let batch = await reader.next(size); batch; batch = await reader.next(size)) events.push(...batch);
  } finally {
    await reader.close();
  }
  return events;
}

async function errorOf(read: () => Promise<unknown>): Promise<string> {
  try {
    await read();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('reading a bank file in a thread of its own', () => {
  it.each([
    ['g.sta', () => encodeText(writeMt940([many, { ...many, number: '10' }], '~'), 'cp852')],
    ['g.xml', () => Buffer.from(writeCamt053([many, { ...many, number: '10' }]))],
  ])('gives the same events, in the same order, as reading in place (%s)', async (name, bytes) => {
    const here = await readAll(openStatementEvents(name, bytes()), 700);
    const thread = await openStatementFileInThread(name, bytes());
    expect(thread.format).toBe(name.endsWith('.xml') ? 'camt.053' : 'mt940');
    expect(thread.encoding).toBe(name.endsWith('.xml') ? 'utf-8' : 'cp852');
    const there = await readAll(thread, 700);
    expect(there).toHaveLength(2 * 2_500 + 4);
    expect(there).toEqual(here);
  });

  it('refuses a broken file with the same message, naming the file and line', async () => {
    const unbalanced = Buffer.from(writeMt940([{ ...many, closingBalance: (many.closingBalance ?? 0) + 1 }], '~'));
    const here = await errorOf(() => readAll(openStatementEvents('zly.sta', unbalanced), 1_000));
    expect(here).toMatch(/^Plik zly\.sta, wiersz 1: wyciąg się nie bilansuje/);
    expect(await errorOf(async () => readAll(await openStatementFileInThread('zly.sta', unbalanced), 1_000))).toBe(
      here,
    );
    const unknown = Buffer.from('to nie jest wyciąg\n');
    const unknownHere = await errorOf(async () => openStatementEvents('x.txt', unknown));
    expect(unknownHere).toMatch(/^Plik x\.txt, wiersz 1: nie rozpoznano formatu pliku\. Przyjmowane formaty: MT940/);
    expect(await errorOf(() => openStatementFileInThread('x.txt', unknown))).toBe(unknownHere);
    expect(await errorOf(() => openStatementFileInThread('pusty.sta', Buffer.from('')))).toBe(
      'Plik pusty.sta: plik jest pusty.',
    );
  });
});
