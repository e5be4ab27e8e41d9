/**
 * A request whose body has not arrived in full when its answer is ready (a refusal: a body over a
 * limit, a part too many, no token, an unknown inquiry) gets `Connection: close`: Node's HTTP
 * server then closes the connection once the answer is written, instead of the connection being
 * kept open and the rest of the body read and thrown away. Reading it would let one client hold a
 * share of the event loop for as long as it keeps sending: a 100,000-part upload refused at its
 * seventh part is 7.7 MB in 100,000 chunks, which @hono/node-server's clean-up of unread bodies
 * reads for up to 500 ms (64 MB) after every answer.
 *
 * Only a socket served by @hono/node-server is concerned (its `incoming`/`outgoing` are the
 * context's env); in-process requests (`app.request`) have none.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';

interface NodeBindings {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
}

/** Whether the request's body is still on its way (the parser has not seen its end). */
export function bodyStillArriving(incoming: IncomingMessage): boolean {
  return !incoming.complete && !incoming.destroyed;
}

export function closeOnUnreadBody(): MiddlewareHandler {
  return async function closeOnUnreadBody(c, next) {
    try {
      await next();
    } finally {
      const { incoming, outgoing } = (c.env ?? {}) as NodeBindings;
      if (incoming && outgoing && !outgoing.headersSent && bodyStillArriving(incoming)) outgoing.setHeader('Connection', 'close');
    }
  };
}
