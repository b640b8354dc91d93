import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { batchRoutes } from './batches.tsx';
import { declarationRoutes } from './declarations.tsx';
import { heatingRoutes } from './heating.tsx';
import { memberMeterRoutes } from './member.tsx';
import { staffMeterRoutes } from './meters.tsx';
import { settlementRoutes } from './settlements.tsx';
import { staffWorkRoutes } from './work.tsx';

/** Meters, readings, settlements and persons declarations: e-BOK and the back office. */
export const mediaRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(memberMeterRoutes);
  await app.register(staffMeterRoutes);
  await app.register(staffWorkRoutes);
  await app.register(batchRoutes);
  await app.register(settlementRoutes);
  await app.register(heatingRoutes);
  await app.register(declarationRoutes);
};
