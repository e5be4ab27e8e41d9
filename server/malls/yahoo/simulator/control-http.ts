/**
 * The simulator's control API over HTTP, under /_sim/ (JSON), for a developer and the demo: the same
 * operations as `control` in-process. File bytes travel as Base64; times as ISO 8601.
 */
import { Hono, type Context } from 'hono';
import type { AddTopicInput, SimFileInput, YahooFaults, YahooSimulatorControl } from './simulator.ts';
import { SimError } from './store.ts';

interface WireFile {
  name: string;
  contentType?: string;
  base64: string;
}

function files(input: unknown): SimFileInput[] | undefined {
  if (!Array.isArray(input)) return undefined;
  return (input as WireFile[]).map((f) => ({
    name: String(f.name),
    contentType: f.contentType,
    bytes: new Uint8Array(Buffer.from(String(f.base64 ?? ''), 'base64')),
  }));
}

async function json(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new SimError(400, 'body must be JSON');
  }
}

export function controlRoutes(control: YahooSimulatorControl): Hono {
  const sim = new Hono();
  sim.onError((error) => {
    const status = error instanceof SimError ? error.status : 500;
    return Response.json({ error: error.message }, { status });
  });

  sim.get('/stores', (c) => c.json({ stores: control.stores() }));
  sim.post('/stores', async (c) => {
    const body = await json(c);
    const credentials = control.addStore({
      sellerId: String(body.sellerId ?? ''),
      publicKeyAuth: body.publicKeyAuth as boolean | undefined,
      signatureRequired: body.signatureRequired as boolean | undefined,
    });
    return c.json(credentials, 201);
  });
  // A local simulator's demo credentials: handed to a developer so any client can be pointed at it.
  sim.get('/stores/:sellerId/credentials', (c) => c.json(control.credentials(c.req.param('sellerId'))));
  sim.get('/stores/:sellerId/topics', (c) => c.json({ topics: control.topics(c.req.param('sellerId')) }));
  sim.post('/stores/:sellerId/topics', async (c) => {
    const body = await json(c);
    const messages = Array.isArray(body.messages) ? (body.messages as Array<Record<string, unknown>>) : [];
    const input: AddTopicInput = {
      ...(body as unknown as AddTopicInput),
      messages: messages.map((m) => ({
        from: m.from === 'shop' ? 'shop' : 'customer',
        body: String(m.body ?? ''),
        at: typeof m.at === 'string' ? new Date(m.at) : undefined,
        files: files(m.files),
      })),
    };
    return c.json({ topicId: control.addTopic(c.req.param('sellerId'), input) }, 201);
  });
  sim.get('/stores/:sellerId/topics/:topicId', (c) => {
    const topic = control.topic(c.req.param('sellerId'), c.req.param('topicId'));
    return topic ? c.json(topic) : c.json({ error: 'unknown topic' }, 404);
  });
  sim.post('/stores/:sellerId/topics/:topicId/messages', async (c) => {
    const body = await json(c);
    const messageId = control.addCustomerMessage(c.req.param('sellerId'), c.req.param('topicId'), {
      body: String(body.body ?? ''),
      at: typeof body.at === 'string' ? new Date(body.at) : undefined,
      files: files(body.files),
    });
    return c.json({ messageId }, 201);
  });
  sim.get('/stores/:sellerId/requests', (c) => c.json({ requests: control.requests(c.req.param('sellerId')) }));
  sim.delete('/stores/:sellerId/requests', (c) => {
    control.clearRequests(c.req.param('sellerId'));
    return c.json({ status: 'ok' });
  });
  sim.post('/stores/:sellerId/authorize', (c) => c.json(control.authorize(c.req.param('sellerId'))));
  sim.post('/stores/:sellerId/revoke', (c) => {
    control.revokeTokens(c.req.param('sellerId'));
    return c.json({ status: 'ok' });
  });
  sim.post('/stores/:sellerId/expire-access-tokens', (c) => {
    control.expireAccessTokens(c.req.param('sellerId'));
    return c.json({ status: 'ok' });
  });
  sim.post('/stores/:sellerId/rotate-key', (c) => c.json(control.rotateKey(c.req.param('sellerId'))));
  sim.get('/faults', (c) => c.json(control.faults()));
  sim.put('/faults', async (c) => {
    control.setFaults((await json(c)) as Partial<YahooFaults>);
    return c.json(control.faults());
  });
  sim.delete('/faults', (c) => {
    control.clearFaults();
    return c.json(control.faults());
  });
  sim.put('/rate-limit', async (c) => {
    const body = await json(c);
    control.setRateLimit(Number(body.minIntervalMs ?? 0));
    return c.json({ minIntervalMs: Number(body.minIntervalMs ?? 0) });
  });
  sim.get('/clock', (c) => c.json({ now: control.now().toISOString() }));
  sim.put('/clock', async (c) => {
    const body = await json(c);
    return c.json({ now: control.advanceTime(Number(body.advanceMs ?? 0)).toISOString() });
  });
  sim.patch('/stores/:sellerId', async (c) => {
    const body = await json(c);
    if (typeof body.signatureRequired === 'boolean') control.setSignatureRequired(c.req.param('sellerId'), body.signatureRequired);
    return c.json({ status: 'ok' });
  });
  sim.post('/generate', async (c) => {
    const body = await json(c);
    return c.json(
      control.generate({
        sellerId: String(body.sellerId ?? ''),
        newTopics: Number(body.newTopics ?? 1),
        followUps: Number(body.followUps ?? 0),
        orders: Array.isArray(body.orders) ? (body.orders as string[]) : undefined,
      }),
    );
  });
  return sim;
}
