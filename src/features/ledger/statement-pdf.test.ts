import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../lib/format.ts';
import type { Organization } from '../organizations/queries.ts';
import type { Entry } from './queries.ts';

/** Money as pdftotext gives it back (the no-break spaces as spaces). */
const money = (grosze: number) => formatMoney(grosze).replace(/\u00a0/g, ' ');

import { renderStatementPdf, type Statement, statementPdf } from './statement.ts';

const organization = {
  name: 'Spółdzielnia Mieszkaniowa „Zażółć” w Łodzi',
  street: 'ul. Źródlana 7',
  postcode: '90-001',
  city: 'Łódź',
  phone: '42 123 45 67',
  email: 'biuro@zazolc.pl',
} as unknown as Organization;

function entry(valueDate: string, kind: Entry['kind'], amount: number, description: string, running: number) {
  return {
    id: 1,
    unitId: 1,
    bookingDate: valueDate,
    valueDate,
    kind,
    componentId: null,
    amount,
    description,
    dueDate: null,
    source: 'test',
    sourceRef: `test:${valueDate}:${amount}`,
    correctsEntryId: null,
    componentName: null,
    running,
  } satisfies Statement['rows'][number];
}

/** A statement with a row per month of charges and payments, a long wrapping description and an overpayment. */
function statementOf(label: string, months: number, words: string): Statement {
  const rows: Statement['rows'] = [];
  let running = 12_345;
  for (let month = 1; month <= months; month++) {
    const day = `2025-${String(month).padStart(2, '0')}`;
    running += 45_678 + month;
    rows.push(entry(`${day}-01`, 'charge', 45_678 + month, `Opłaty za ${month}/2025: ${words}`, running));
    running -= 50_000 + month * 1_000;
    rows.push(entry(`${day}-12`, 'payment', -(50_000 + month * 1_000), `Wpłata ${month}/2025`, running));
  }
  rows.push(
    entry(
      '2025-12-20',
      'correction',
      -1_234,
      'Korekta naliczenia za wodę po odczycie wodomierzy w lokalu, opis tak długi, że nie mieści się w jednej linii kolumny',
      running - 1_234,
    ),
  );
  return {
    unitLabel: label,
    holderName: 'Zofia Łęcka-Żółkiewska',
    from: '2025-01-01',
    to: '2025-12-31',
    opening: 12_345,
    rows,
    closing: running - 1_234,
    nrb: '12105000997603123456789123',
    transferTitle: `Opłaty za lokal ${label}`,
    qrText: undefined,
    qrNote: 'Zestawienie za okres zakończony przed dniem dzisiejszym nie zawiera kodu QR.',
  };
}

/** What a reader sees: pdftotext's text (columns kept) and each page as a picture. */
function read(pdf: Buffer): { text: string; pages: Buffer[] } {
  const dir = mkdtempSync(join(tmpdir(), 'statement-pdf-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
    execFileSync('pdftoppm', ['-r', '40', '-png', join(dir, 'a.pdf'), join(dir, 'page')]);
    const pages = readdirSync(dir)
      .filter((name) => name.endsWith('.png'))
      .sort()
      .map((name) => readFileSync(join(dir, name)));
    return { text, pages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the statement PDF', () => {
  it('opens and shows every row with its figures in its columns', async () => {
    const statement = statementOf('A/12', 12, 'eksploatacja, fundusz remontowy');
    const { text } = read(await statementPdf(organization, statement));
    expect(text).toContain('Zażółć');
    expect(text).toMatch(/Data\s+Rodzaj\s+Opis\s+Naliczenia\s+Wpłaty\s+Saldo/);
    const lines = text.split('\n');
    for (const row of statement.rows.filter((r) => r.kind !== 'correction')) {
      const date = row.valueDate.split('-').reverse().join('.');
      const line = lines.find((l) => l.includes(date) && l.includes(money(Math.abs(row.amount))));
      expect(line, `${date} ${row.amount}`).toBeDefined();
      const balance = row.running < 0 ? `nadpłata ${money(-row.running)}` : money(row.running);
      expect(line?.trimEnd().endsWith(balance)).toBe(true);
    }
    // The long description wraps within its column instead of running over the figures.
    expect(text).toContain('Korekta naliczenia za');
    expect(text).toContain('Razem w okresie');
    expect(text).toContain(`Saldo na koniec okresu: nadpłata ${money(-statement.closing)}`);
  });

  it('is the same document whatever was drawn before it (layouts and font subsets kept across documents)', async () => {
    const first = statementOf('B/7', 12, 'eksploatacja, fundusz remontowy');
    const before = read(await renderStatementPdf(organization, first));
    // Other documents in between, with other words and glyphs (ąęśćźż, digits in another order).
    await renderStatementPdf(organization, statementOf('Ż/9', 3, 'ąę śćź żółć — 9876543210'));
    await renderStatementPdf(organization, statementOf('C/1', 7, 'wywóz nieczystości, domofon'));
    const after = read(await renderStatementPdf(organization, first));
    expect(after.text).toBe(before.text);
    expect(after.pages.length).toBe(before.pages.length);
    expect(after.pages.every((page, i) => page.equals(before.pages[i] as Buffer))).toBe(true);
  });

  it('gives a statement drawn before again only while everything it shows is the same', async () => {
    const statement = statementOf('D/3', 4, 'eksploatacja');
    const pdf = await statementPdf(organization, statement);
    expect(await statementPdf(organization, structuredClone(statement))).toBe(pdf);
    // A payment booked in the period, another holder, another letterhead: each a new document.
    const paid = structuredClone(statement);
    paid.rows.push(entry('2025-12-30', 'payment', -100, 'Wpłata', paid.closing - 100));
    paid.closing -= 100;
    const renamed = { ...statement, holderName: 'Jan Nowak' };
    const moved = { ...organization, street: 'ul. Nowa 1' } as Organization;
    const others = [
      await statementPdf(organization, paid),
      await statementPdf(organization, renamed),
      await statementPdf(moved, statement),
    ];
    for (const other of others) expect(other).not.toBe(pdf);
    const [paidText, renamedText, movedText] = others.map((other) => read(other).text);
    expect(paidText).toContain('30.12.2025');
    expect(renamedText).toContain('Posiadacz: Jan Nowak');
    expect(movedText).toContain('ul. Nowa 1');
  });
});
