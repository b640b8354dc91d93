/** The bank pages' forms. */
import { z } from 'zod';
import { optionalText, repeated, requiredText } from '../../http/fields.ts';
import { uploadFilesOnDiskField } from '../../http/uploads.ts';
import { nrbProblem } from '../ledger/bank-accounts.ts';
import { parseMoney } from '../ledger/rules/money.ts';
import type { BankEncoding } from './formats/decode.ts';

/** Largest statement file: a 100 000-operation MT940 is about 30 MB. */
export const MAX_STATEMENT_BYTES = 40 * 1024 * 1024;

export const statementUploadForm = z.object({
  pliki: uploadFilesOnDiskField(MAX_STATEMENT_BYTES).refine(
    (files) => files.length > 0,
    'Wybierz co najmniej jeden plik wyciągu.',
  ),
  kodowanie: z
    .enum(['auto', 'utf-8', 'windows-1250', 'cp852'])
    .catch('auto')
    .transform((value): BankEncoding | undefined => (value === 'auto' ? undefined : value)),
});

/**
 * Rows of units and amounts (empty rows are left out, a single unit may leave its amount empty),
 * the open charges ticked for the units (`naleznosc`, ledger entry ids), and the step: show the
 * chosen units' open charges first (`naleznosci`) or book (`zaksieguj`, the default).
 */
export const assignForm = z
  .object({
    lokal: repeated(z.string()),
    kwota: repeated(z.string()),
    naleznosc: repeated(z.string()),
    krok: z.enum(['zaksieguj', 'naleznosci']).catch('zaksieguj'),
  })
  .transform(({ lokal, kwota, naleznosc, krok }, ctx) => {
    const rows: { unit: string; amount: number | undefined }[] = [];
    for (let i = 0; i < Math.max(lokal.length, kwota.length); i++) {
      const unit = (lokal[i] ?? '').trim();
      const amountText = (kwota[i] ?? '').trim();
      if (!unit && !amountText) continue;
      if (!unit) {
        ctx.addIssue({ code: 'custom', path: ['lokal'], message: `Wiersz ${i + 1}: podaj lokal do kwoty.` });
        return z.NEVER;
      }
      let amount: number | undefined;
      if (amountText) {
        const parsed = parseMoney(amountText);
        if (!parsed.ok || parsed.value <= 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['kwota'],
            message: `Wiersz ${i + 1}: ${parsed.ok ? 'kwota musi być większa od zera.' : parsed.message}`,
          });
          return z.NEVER;
        }
        amount = parsed.value;
      }
      rows.push({ unit, amount });
    }
    if (rows.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['lokal'], message: 'Podaj lokal.' });
      return z.NEVER;
    }
    if (rows.length > 1 && rows.some((r) => r.amount === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['kwota'], message: 'Przy podziale na kilka lokali podaj kwotę każdego.' });
      return z.NEVER;
    }
    const charges: number[] = [];
    for (const value of naleznosc) {
      if (!/^\d{1,15}$/.test(value.trim())) {
        ctx.addIssue({ code: 'custom', path: ['naleznosc'], message: 'Wybierz należność z listy.' });
        return z.NEVER;
      }
      charges.push(Number(value));
    }
    return { rows, charges, step: krok };
  });

export const dismissForm = z.object({
  decyzja: z.enum(['returned', 'not_member'], { error: 'Wybierz decyzję.' }),
  uwagi: optionalText(500),
});

export const debitForm = z.object({
  lokal: z.string({ error: 'Podaj lokal.' }).trim().min(1, 'Podaj lokal.'),
  uwagi: optionalText(500),
});

/** A further account of the cooperative: an NRB with a good check number, said at the field. */
export const bankAccountForm = z.object({
  rachunek: requiredText('Podaj numer rachunku.', 40).superRefine((value, ctx) => {
    const problem = nrbProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});

export const removeBankAccountForm = z.object({ rachunek: requiredText('Wybierz rachunek.', 40) });
