import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { memberRequestRoutes } from './member.tsx';
import { noticeRoutes } from './notices.tsx';
import { staffRequestRoutes } from './staff.tsx';

/** Residents' requests: fault reports and messages to the office, in e-BOK and the back office. */
export const requestRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(memberRequestRoutes);
  await app.register(staffRequestRoutes);
  await app.register(noticeRoutes);
};
