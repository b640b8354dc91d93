import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { activationFormPdf, consentDeclarationPdf, ebokTermsPdf, generatedDocuments } from './generate.ts';
import { currentDocumentText } from './texts.ts';

/** The generated documents, blank, at /dokumenty/<name>.pdf. */
export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/dokumenty/:name',
    { config: { access: 'public', page: 'none' }, schema: { params: z.object({ name: z.string() }) } },
    async (request, reply) => {
      const document = generatedDocuments.find((d) => d.fileName === request.params.name);
      if (!document) throw new AppError('not_found', 'no such document');
      const organization = request.organization;
      const textOf = (kind: 'ebok_terms' | 'consent') =>
        currentDocumentText(app.db, { organizationId: organization.id, organizationName: organization.name, kind });
      const pdf =
        document.kind === 'ebok_terms'
          ? await ebokTermsPdf({ organization, terms: await textOf('ebok_terms') })
          : document.kind === 'activation_form'
            ? await activationFormPdf({ organization, terms: await textOf('ebok_terms') })
            : await consentDeclarationPdf({ organization, consent: await textOf('consent') });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${document.fileName}"`)
        .header('cache-control', 'no-cache')
        .send(pdf);
    },
  );
};
