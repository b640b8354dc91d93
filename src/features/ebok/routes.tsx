import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../http/render.ts';
import { EbokLandingPage } from './views/ebok-home.tsx';

/** The members' portal at /ebok. */
export async function ebokRoutes(app: FastifyInstance) {
  app.get('/ebok', async (request, reply) => {
    return sendPage(reply, <EbokLandingPage organization={request.organization} />);
  });
}
