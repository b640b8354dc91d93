/**
 * A meter reading as a person types it (`123,456` or `123.456`) → thousandths of the meter's
 * unit, refused with a Polish message when it has letters, a sign, or more decimals than the
 * meter shows.
 */
export type ReadingParse = { ok: true; value: number } | { ok: false; message: string };

export function parseReading(text: string, decimals: number): ReadingParse {
  const typed = text.trim().replace(/\s/g, '');
  if (typed === '') return { ok: false, message: 'Podaj odczyt licznika.' };
  if (typed.startsWith('-')) return { ok: false, message: 'Odczyt nie może być ujemny.' };
  const match = /^(\d{1,9})(?:[.,](\d+))?$/.exec(typed);
  if (!match) return { ok: false, message: 'Odczyt to liczba, np. 123,456 — bez liter i innych znaków.' };
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) {
    return {
      ok: false,
      message:
        decimals === 0
          ? 'Ten licznik nie ma miejsc po przecinku: podaj liczbę całkowitą.'
          : `Ten licznik pokazuje najwyżej ${decimals} ${decimals === 1 ? 'cyfrę' : 'cyfry'} po przecinku.`,
    };
  }
  return { ok: true, value: Number(match[1]) * 1000 + Number(fraction.padEnd(3, '0')) };
}

/** Thousandths → `123,456` with the meter's decimals. */
export function formatReading(thousandths: number, decimals = 3): string {
  const sign = thousandths < 0 ? '-' : '';
  const abs = Math.abs(thousandths);
  const whole = Math.trunc(abs / 1000);
  if (decimals === 0) return `${sign}${whole}`;
  const fraction = String(abs % 1000)
    .padStart(3, '0')
    .slice(0, Math.max(decimals, 1));
  return `${sign}${whole},${fraction}`;
}
