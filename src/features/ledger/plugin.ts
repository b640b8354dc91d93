import type { FastifyInstance } from 'fastify';
import { ledgerMemberRoutes } from './routes.tsx';
import { ledgerStaffRoutes } from './staff-routes.tsx';

/** The ledger's routes: members' finances in e-BOK and the accountants' pages in the back office. */
export async function ledgerRoutes(app: FastifyInstance) {
  await app.register(ledgerMemberRoutes);
  await app.register(ledgerStaffRoutes);
}
