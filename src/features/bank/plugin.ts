import type { FastifyInstance } from 'fastify';
import { statementImportRoutes } from './routes/import.tsx';
import { statementQueueRoutes } from './routes/queue.tsx';

/** The bank's pages in the back office: statement upload and the queue of entries to explain. */
export async function bankRoutes(app: FastifyInstance) {
  await app.register(statementImportRoutes);
  await app.register(statementQueueRoutes);
}
