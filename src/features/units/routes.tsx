/**
 * The register over HTTP: the staff pages at /panel/rejestr (clerks and administrators change,
 * accountants read), the import of a register file, and the member's units in e-BOK. One module
 * per page group in routes/; handlers only parse, call one feature function and render or redirect.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { buildingRoutes } from './routes/buildings.tsx';
import { importRoutes } from './routes/import.tsx';
import { registerListRoutes } from './routes/lists.tsx';
import { memberUnitRoutes } from './routes/member.tsx';
import { personRoutes } from './routes/persons.tsx';
import { rightRoutes } from './routes/rights.tsx';
import { unitRoutes } from './routes/units.tsx';

export const registerRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(registerListRoutes);
  await app.register(buildingRoutes);
  await app.register(unitRoutes);
  await app.register(rightRoutes);
  await app.register(personRoutes);
  await app.register(importRoutes);
  await app.register(memberUnitRoutes);
};
