import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { sectionOf, setSessionCookie, stepPath } from '../../../http/auth.ts';
import type { Account, Session } from '../queries.ts';
import type { AccountKind, SessionStage } from '../schema.ts';
import { rotateSession } from '../sessions.ts';
import { nextStage } from '../stages.ts';

/**
 * The form of a one-time code (TOTP or a recovery code): anything longer than any code is simply
 * a wrong code, at the field — never a server error (wapiti sent 2,052 such requests).
 */
export const codeBody = z.object({
  kod: z.string().max(20, 'Kod jest nieprawidłowy albo został już użyty. Wpisz aktualny kod.').default(''),
});

/**
 * What the sign-in and account pages of one section share: e-BOK (/ebok) for members, the back
 * office (/panel) for staff. The pages are the same; the section decides the paths and who may
 * use them.
 */
export function sectionTools(app: FastifyInstance, kind: AccountKind) {
  const section = sectionOf(kind);

  /** The signed-in account of this section (at any step of sign-in), or 404 for anyone else. */
  function own(request: FastifyRequest): { account: Account; session: Session } {
    const { account, session } = request;
    if (!account || !session || account.kind !== kind) throw new AppError('not_found', 'other section');
    return { account, session };
  }

  /** Where a session at this step goes instead of a page it may not open yet. */
  const stepOf = (stage: SessionStage) => stepPath(kind, stage);

  /**
   * Moves a session to its next step with a fresh token (a privilege change) and returns where
   * the browser goes next: the section, or the next step.
   */
  async function advance(reply: FastifyReply, account: Account, session: Session): Promise<string> {
    // Every step after the first comes after the second factor, so it is verified by now.
    const stage = nextStage(account, { secondFactorVerified: true });
    const token = await rotateSession(app.db, { session, stage, now: app.clock() });
    setSessionCookie(reply, app.config, token);
    return stage === 'full' ? section : stepOf(stage);
  }

  return { section, own, stepOf, advance };
}
