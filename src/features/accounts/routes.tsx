/**
 * The pages of accounts, by where they are registered:
 * - each section registers `accountRoutes({ kind })` (e-BOK for members in ebok/routes.tsx, the
 *   back office for staff in panel/routes.tsx): sign-in and its steps (routes/sign-in.tsx), the
 *   account pages (routes/account.tsx), and for members their contact data (routes/profile.tsx)
 *   and the forgotten password (routes/password-reset.tsx), for staff the queue of password
 *   requests (the same file);
 * - the app registers sign-out (shared by both sections) and staff management (routes/staff.tsx).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accountPageRoutes } from './routes/account.tsx';
import { memberPasswordResetRoutes, staffPasswordResetRoutes } from './routes/password-reset.tsx';
import { profileRoutes } from './routes/profile.tsx';
import { type SignInRenderer, signInRoutes } from './routes/sign-in.tsx';
import type { AccountKind } from './schema.ts';

export type { SignInRenderer } from './routes/sign-in.tsx';
export { signOutRoutes } from './routes/sign-in.tsx';
export { staffRoutes } from './routes/staff.tsx';

/** Sign-in and the account pages of one section: /ebok for members, /panel for staff. */
export function accountRoutes({
  kind,
  renderSignIn,
}: {
  kind: AccountKind;
  renderSignIn: SignInRenderer;
}): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(signInRoutes({ kind, renderSignIn }));
    await app.register(accountPageRoutes({ kind }));
    if (kind === 'member') {
      await app.register(profileRoutes);
      await app.register(memberPasswordResetRoutes);
    } else {
      await app.register(staffPasswordResetRoutes);
    }
  };
}
