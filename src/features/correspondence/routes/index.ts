/**
 * Electronic correspondence: the member's inbox and consent in e-BOK, the public confirmation
 * link and scan form, and in /panel letters, the print queue, consents and scanned declarations.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { acceptUploads } from '../../../http/uploads.ts';
import { consentRoutes } from './consents.tsx';
import { inboxRoutes } from './inbox.tsx';
import { letterRoutes } from './letters.tsx';
import { printRoutes } from './print.tsx';
import { scanRoutes } from './scans.tsx';
import { templateRoutes } from './templates.tsx';

export const correspondenceRoutes: FastifyPluginAsyncZod = async (app) => {
  // Two files at most: the public form sends the declaration and an ID.
  await acceptUploads(app, { files: 2 });
  await app.register(inboxRoutes);
  await app.register(consentRoutes);
  await app.register(scanRoutes);
  await app.register(letterRoutes);
  await app.register(printRoutes);
  await app.register(templateRoutes);
};
