import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { publicBookingRoutes } from './public.tsx';
import { staffBookingRoutes } from './staff.tsx';

/** Room bookings: the public page, e-BOK's requests, the back office's decisions and calendar feed. */
export const bookingRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(publicBookingRoutes);
  await app.register(staffBookingRoutes);
};
