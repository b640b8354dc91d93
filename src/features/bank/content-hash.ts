/**
 * A statement's identity beside its account, number and period: the hash of what it says, not
 * of the file (the same statement exported again in another format or encoding, where names and
 * titles may be cut differently, is the same statement). It is the SHA-256 of the JSON of
 * `[account, number, periodFrom, periodTo, openingBalance, closingBalance, entries]`, each entry
 * `[bookingDate, valueDate, amount, reference]`, and must stay exactly that: statements stored
 * before are recognised by it. It is gathered chunk by chunk as the statement is read, so a
 * large statement's end does not wait for a hundred thousand entries to be written out at once.
 */
import { createHash } from 'node:crypto';
import type { BankEntry, BankStatement } from './formats/statement.ts';

/** A chunk's entries as they enter the hash: the inside of their JSON array. */
export function hashedEntries(entries: readonly BankEntry[]): string {
  return JSON.stringify(entries.map((e) => [e.bookingDate, e.valueDate, e.amount, e.reference])).slice(1, -1);
}

/** The hash of the statement's header and its entries' pieces (`hashedEntries`, in order). */
export function contentHash(statement: BankStatement, pieces: readonly string[]): string {
  const header = JSON.stringify([
    statement.account,
    statement.number,
    statement.periodFrom,
    statement.periodTo,
    statement.openingBalance ?? null,
    statement.closingBalance ?? null,
  ]);
  const hash = createHash('sha256').update(`${header.slice(0, -1)},[`);
  let first = true;
  for (const piece of pieces) {
    if (piece === '') continue;
    if (!first) hash.update(',');
    hash.update(piece);
    first = false;
  }
  return hash.update(']]').digest('hex');
}
