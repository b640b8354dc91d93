/**
 * The one way a page changes something: `formRoute` registers a POST whose body is parsed by one
 * zod schema; then the feature is called once and the browser is sent on (303, usually with a
 * success notice in the query), or the same page is drawn again with the errors at their fields
 * and the form filled in as typed (422). A feature signals a rule broken at a field by throwing
 * `ValidationError`; any other error goes to the app's error pages.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { isValidElement, type VNode } from 'preact';
import type { z } from 'zod';
import { type FieldError, ValidationError } from '../errors.ts';
import { fieldErrorsFromZod } from '../lib/field-errors.ts';
import { type Access, access } from './auth.ts';
import { sendPage } from './render.ts';

/** A form's text fields as typed, for drawing it again (repeated fields keep their last value). */
export type FormValues = Record<string, string>;

/** What a form page draws besides its data: the errors at the fields and the values typed. */
export interface FormState {
  errors: FieldError[];
  values: FormValues;
  /** Every value of repeated fields (checkbox lists), by name. */
  lists: Record<string, string[]>;
}

/** A form drawn for the first time. */
export const freshForm: FormState = Object.freeze({ errors: [], values: {}, lists: {} }) as FormState;

/**
 * The text fields of a body as typed; files, the CSRF token and non-text values are left out
 * (also for a `run` that shows a further step of the same form, filled in).
 */
export function typedForm(body: unknown, errors: FieldError[] = []): FormState {
  const form: FormState = { errors, values: {}, lists: {} };
  if (!body || typeof body !== 'object') return form;
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue;
    const list = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    if (list.length === 0) continue;
    form.lists[key] = list;
    form.values[key] = list.at(-1) as string;
  }
  return form;
}

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface FormRequest<P, Q> {
  request: FastifyRequest;
  reply: FastifyReply;
  params: P;
  query: Q;
}

export interface FormRouteSpec<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema> {
  access: Access;
  /** Route parameters; a value that does not fit is a page that does not exist (404). */
  params?: P;
  querystring?: Q;
  /**
   * The form's fields; each issue's message is shown at its field (by the top-level key). A
   * function gives the schema for this request, when a rule depends on it (the organization's
   * settings, today's date).
   */
  body: B | ((request: FastifyRequest) => B);
  /** Extra route options: rate limits, page kind. */
  config?: Record<string, unknown>;
  /**
   * Makes the change. Returns where to go next (a 303 redirect), a page to show instead (e.g. a
   * starting password shown once), or the reply when it has sent something itself.
   */
  run(input: FormRequest<Out<P>, Out<Q>> & { body: z.output<B> }): Promise<string | VNode | FastifyReply>;
  /** The form's page with `form`'s errors and values, sent with 422. */
  render(input: FormRequest<Out<P>, Out<Q>> & { form: FormState }): VNode | Promise<VNode>;
}

/** Registers `POST url` as a form: parse → run → redirect, or redraw with the errors. */
export function formRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema = Schema,
>(app: FastifyInstance, url: string, spec: FormRouteSpec<P, Q, B>): void {
  const options: RouteShorthandOptions = {
    config: { ...access(spec.access).config, ...spec.config },
    schema: {
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.querystring ? { querystring: spec.querystring } : {}),
    },
  };
  app.withTypeProvider<ZodTypeProvider>().post(url, options, async (request, reply) => {
    const base = {
      request,
      reply,
      params: request.params as Out<P>,
      query: request.query as Out<Q>,
    };
    const redraw = async (errors: FieldError[]) =>
      sendPage(reply, await spec.render({ ...base, form: typedForm(request.body, errors) }), 422);
    const schema = typeof spec.body === 'function' ? spec.body(request) : spec.body;
    const parsed = schema.safeParse(request.body ?? {});
    if (!parsed.success) return redraw(fieldErrorsFromZod(parsed.error));
    let result: string | VNode | FastifyReply;
    try {
      result = await spec.run({ ...base, body: parsed.data });
    } catch (error) {
      if (error instanceof ValidationError) return redraw(error.fields);
      throw error;
    }
    if (typeof result === 'string') return reply.redirect(result, 303);
    if (isValidElement(result)) return sendPage(reply, result);
    return result;
  });
}
