/**
 * The pages of activation, as the app registers them: the back office's (the desk in
 * routes/desk.tsx, remote applications in routes/remote.tsx) and the public application form with
 * its e-mail link (routes/public.tsx). New passwords for members who forgot theirs, and the
 * account's contact data, are accounts' pages.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { deskRoutes } from './routes/desk.tsx';
import { remoteRequestRoutes } from './routes/remote.tsx';

export { activationPublicRoutes } from './routes/public.tsx';

/** Activation at the desk and the queue of remote requests (/panel, BOK). */
export const activationPanelRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(deskRoutes);
  await app.register(remoteRequestRoutes);
};
