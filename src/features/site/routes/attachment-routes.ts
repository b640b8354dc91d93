import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import type { FieldError } from '../../../errors.ts';
import type { FileUpload } from '../../../files/store.ts';
import { actorOf } from '../../../http/auth.ts';
import { type FormValues, formRoute } from '../../../http/form-route.ts';
import { id, idParams } from '../../../http/params.ts';
import type { Actor } from '../../audit/audit.ts';
import { type AttachmentOwner, removeAttachment } from '../attachments.ts';
import { attachmentForm, noFields } from '../forms.ts';

const fileParams = z.object({ id, fileId: id });

/** What the owner's edit page shows after a file form: its errors and the upload form as typed. */
export interface FileFormState {
  errors?: FieldError[];
  upload?: FormValues;
}

/**
 * The two file routes of an editor page that has attachments (a news item, a tender): add a file
 * at `<base>/:id/pliki` and remove one at `<base>/:id/pliki/:fileId/usun`. Each owner differs only
 * in how a file is added, where the editor goes back to and which page is drawn again on an error.
 */
export function attachmentRoutes(
  app: FastifyInstance,
  spec: {
    base: string;
    owner: (ownerId: number) => AttachmentOwner;
    add: (input: { actor: Actor; ownerId: number; upload: FileUpload; now: Date }) => Promise<unknown>;
    back: (ownerId: number, what: 'dodano' | 'usunieto') => string;
    page: (request: FastifyRequest, reply: FastifyReply, ownerId: number, state: FileFormState) => Promise<VNode>;
  },
): void {
  formRoute(app, `${spec.base}/:id/pliki`, {
    access: 'site.edit',
    params: idParams,
    body: attachmentForm,
    run: async ({ request, params, body }) => {
      await spec.add({
        actor: actorOf(request),
        ownerId: params.id,
        upload: { ...body.file, title: body.fileTitle },
        now: app.clock(),
      });
      return spec.back(params.id, 'dodano');
    },
    render: ({ request, reply, params, form }) =>
      spec.page(request, reply, params.id, { errors: form.errors, upload: form.values }),
  });
  fileRemovalRoute(app, spec);
}

/** The route that removes one file of its owner; a file of another owner is not found (404). */
export function fileRemovalRoute(
  app: FastifyInstance,
  spec: {
    base: string;
    owner: (ownerId: number) => AttachmentOwner;
    back: (ownerId: number, what: 'usunieto') => string;
    page: (request: FastifyRequest, reply: FastifyReply, ownerId: number, state: FileFormState) => Promise<VNode>;
  },
): void {
  formRoute(app, `${spec.base}/:id/pliki/:fileId/usun`, {
    access: 'site.edit',
    params: fileParams,
    body: noFields,
    run: async ({ request, params }) => {
      await removeAttachment(app.db, {
        actor: actorOf(request),
        owner: spec.owner(params.id),
        fileId: params.fileId,
        now: app.clock(),
      });
      return spec.back(params.id, 'usunieto');
    },
    render: ({ request, reply, params, form }) => spec.page(request, reply, params.id, { errors: form.errors }),
  });
}
