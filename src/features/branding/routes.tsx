import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { access, actorOf } from '../../http/auth.ts';
import { formRoute, freshForm } from '../../http/form-route.ts';
import { pageContext } from '../../http/page-context.ts';
import { sendPage } from '../../http/render.ts';
import { acceptUploads } from '../../http/uploads.ts';
import {
  brandingForm,
  coloursStylesheet,
  coloursVersion,
  findLogo,
  logoUrl,
  paletteOfOrganization,
  updateBranding,
} from './branding.ts';
import { BrandingPage } from './views/branding-page.tsx';

/** Not a page: no menu, no visitor count. */
const notAPage = { config: { access: 'public', page: 'none' } } as const;

const savedQuery = z.object({ zapisano: z.string().optional().catch(undefined) });

/** The organization's look: the administrator's page, the colour stylesheet and the logo. */
export const brandingRoutes: FastifyPluginAsyncZod = async (app) => {
  await acceptUploads(app);

  function page(request: FastifyRequest, reply: FastifyReply, form = freshForm, notice?: string) {
    return (
      <BrandingPage
        ctx={pageContext(request, reply)}
        palette={paletteOfOrganization(request.organization)}
        logo={logoUrl(request.organization)}
        form={form}
        notice={notice}
      />
    );
  }

  app.get(
    '/panel/wyglad',
    { ...access('branding.edit'), schema: { querystring: savedQuery } },
    async (request, reply) =>
      sendPage(
        reply,
        page(
          request,
          reply,
          freshForm,
          request.query.zapisano !== undefined ? 'Zapisano wygląd Spółdzielni.' : undefined,
        ),
      ),
  );

  formRoute(app, '/panel/wyglad', {
    access: 'branding.edit',
    body: brandingForm,
    run: async ({ request, body }) => {
      await updateBranding(app.db, {
        actor: actorOf(request),
        organization: request.organization,
        form: body,
        now: app.clock(),
      });
      return '/panel/wyglad?zapisano=1';
    },
    render: ({ request, reply, form }) => page(request, reply, form),
  });

  /** The colours as CSS custom properties; the address carries their version, so it is cached for good. */
  app.get(
    '/wyglad/kolory.css',
    { ...notAPage, schema: { querystring: z.object({ v: z.string().optional().catch(undefined) }) } },
    async (request, reply) => {
      const current = request.query.v === coloursVersion(request.organization);
      return reply
        .type('text/css; charset=utf-8')
        .header('cache-control', current ? 'public, max-age=31536000, immutable' : 'no-cache')
        .send(coloursStylesheet(request.organization));
    },
  );

  app.get(
    '/wyglad/logo/:key',
    { ...notAPage, schema: { params: z.object({ key: z.string().regex(/^[\w-]{1,40}\.png$/) }) } },
    async (request, reply) => {
      const data = await findLogo(app.db, {
        organization: request.organization,
        key: request.params.key.replace(/\.png$/, ''),
      });
      if (!data) throw new AppError('not_found', 'no such logo');
      return reply
        .type('image/png')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(data);
    },
  );
};
