import type { FastifyReply } from 'fastify';
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { ChromeContext, type ChromeContextValue, chromeContextOf } from './chrome-context.ts';

/** Renders a JSX page to an HTML document; every text and attribute value is escaped. */
export function renderDocument<P>(page: VNode<P>, context?: ChromeContextValue): string {
  const tree = (context ? h(ChromeContext.Provider, { value: context }, page as VNode) : page) as VNode;
  return `<!doctype html>${renderToString(tree)}`;
}

/** Sends a rendered page with the given status, with the request's menu and footer. */
export function sendPage<P>(reply: FastifyReply, page: VNode<P>, status = 200): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(renderDocument(page, chromeContextOf(reply.request)));
}
