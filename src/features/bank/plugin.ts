import type { FastifyInstance } from 'fastify';
import { bankAccountRoutes } from './routes/accounts.tsx';
import { statementImportRoutes } from './routes/import.tsx';
import { statementQueueRoutes } from './routes/queue.tsx';

/** The bank's pages in the back office: statement upload, the queue of entries to explain, the cooperative's accounts. */
export async function bankRoutes(app: FastifyInstance) {
  await app.register(statementImportRoutes);
  await app.register(statementQueueRoutes);
  await app.register(bankAccountRoutes);
}
