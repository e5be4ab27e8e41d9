/**
 * A request whose body has not arrived in full when its answer is ready (a refusal: a body over a
 * limit, a part too many, no token, an unknown inquiry) gets `Connection: close`, and its connection
 * is closed without reading any more of the body. Reading it would let one client hold a share of
 * the event loop for as long as it keeps sending: a 100,000-part upload refused at its seventh part
 * is 7.7 MB in 100,000 chunks, which @hono/node-server's clean-up of unread bodies otherwise reads
 * and throws away for up to 500 ms (64 MB) after every answer, a chunk at a time.
 *
 * The close lingers (as Go's net/http does): the answer is written and followed by a FIN, the socket
 * stops reading, and only LINGER_MS later is it destroyed. Destroying it at once, with the client's
 * bytes still unread, makes the kernel answer with a reset that can reach a client still busy
 * sending before it has read the answer: it would see ECONNRESET instead of the 422. While it
 * lingers, a connection costs no CPU (nothing is read) and the client's sends simply wait.
 *
 * Only a socket served by @hono/node-server is concerned (its `incoming`/`outgoing` are the context's
 * env); in-process requests (`app.request`) have none.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { MiddlewareHandler } from 'hono';

/** how long a refused connection stays open, not reading, after its answer */
export const LINGER_MS = 1000;

interface NodeBindings {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
}

/** Whether the request's body is still on its way (the parser has not seen its end). */
export function bodyStillArriving(incoming: IncomingMessage): boolean {
  return !incoming.complete && !incoming.destroyed;
}

/**
 * Node's HTTP server closes a `Connection: close` connection after the answer with
 * `socket.destroySoon()` (end, then destroy once written); for this one socket it becomes: stop
 * reading (and stay stopped: the clean-up of unread bodies resumes the socket, which is paused again
 * before it reads), end after the answer, destroy LINGER_MS later.
 */
function lingerOnClose(socket: Socket): void {
  let lingering = false;
  socket.destroySoon = function lingeringClose(this: Socket) {
    if (lingering) return;
    lingering = true;
    const stopReading = () => void socket.pause();
    socket.on('resume', stopReading);
    stopReading();
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  };
}

export function closeOnUnreadBody(): MiddlewareHandler {
  return async function closeOnUnreadBody(c, next) {
    try {
      await next();
    } finally {
      const { incoming, outgoing } = (c.env ?? {}) as NodeBindings;
      if (incoming && outgoing && !outgoing.headersSent && bodyStillArriving(incoming)) {
        outgoing.setHeader('Connection', 'close');
        lingerOnClose(incoming.socket);
      }
    }
  };
}
