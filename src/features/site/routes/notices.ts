import { z } from 'zod';

/** The query of a page a change redirects to: `?zrobiono=<what>` names its success notice. */
export const doneQuery = z.object({ zrobiono: z.string().optional().catch(undefined) });

/** The success notice of a page's `?zrobiono=`, if it names one. */
export function noticeOf(notices: Record<string, string>, what: string | undefined): string | undefined {
  return what ? notices[what] : undefined;
}
