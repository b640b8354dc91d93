import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Renders a JSX page to an HTML document; every text and attribute value is escaped. */
export function renderDocument<P>(page: VNode<P>): string {
  return `<!doctype html>${renderToString(page as VNode)}`;
}

/** Sends a rendered page with the given status. */
export function sendPage<P>(reply: FastifyReply, page: VNode<P>, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(renderDocument(page));
}
