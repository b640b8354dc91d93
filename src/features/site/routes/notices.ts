import { z } from 'zod';

/** The query of a page a change redirects to: `?zrobiono=<what>` names its success notice. */
export const doneQuery = z.object({ zrobiono: z.string().optional().catch(undefined) });

/** The success notice of a page's `?zrobiono=`, if it names one. */
export function noticeOf(notices: Record<string, string>, what: string | undefined): string | undefined {
  return what ? notices[what] : undefined;
}

/** The notices of the tenders, gazette, documents and settings pages. */
export const editorNotices = {
  zapisano: 'Zapisano zmiany.',
  dodano: 'Dodano.',
  zamknieto: 'Przetarg zamknięty; wynik jest na stronie.',
  usunieto: 'Usunięto plik.',
};
