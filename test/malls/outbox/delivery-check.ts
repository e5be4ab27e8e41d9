/**
 * What arrived at the malls: how many times each shop reply body is in the simulators' threads, and
 * with how many attachments. Works on the simulators' own data (wire shapes), in-process or over /_sim/.
 */
import type { RmsInquiry } from '../../../server/malls/rakuten/wire.ts';
import type { SimTopicView } from '../../../simulators/yahoo/simulator.ts';

export interface Arrival {
  count: number;
  attachments: number;
}

export function rakutenArrivals(inquiries: RmsInquiry[]): Map<string, Arrival> {
  const out = new Map<string, Arrival>();
  for (const inquiry of inquiries) {
    for (const reply of inquiry.replies) {
      if (reply.replyFrom !== 'merchant') continue;
      const seen = out.get(reply.message) ?? { count: 0, attachments: 0 };
      out.set(reply.message, { count: seen.count + 1, attachments: seen.attachments + reply.attachments.length });
    }
  }
  return out;
}

export function yahooArrivals(topics: SimTopicView[]): Map<string, Arrival> {
  const out = new Map<string, Arrival>();
  for (const topic of topics) {
    for (const message of topic.messages) {
      if (message.postUserType !== 'seller') continue;
      const seen = out.get(message.body) ?? { count: 0, attachments: 0 };
      out.set(message.body, { count: seen.count + 1, attachments: seen.attachments + message.files.length });
    }
  }
  return out;
}

/** Every expected body exactly once, with its attachments; returns a list of problems (empty when all is well). */
export function exactlyOnce(expected: { body: string; files: number }[], arrivals: Map<string, Arrival>): string[] {
  const problems: string[] = [];
  for (const reply of expected) {
    const arrival = arrivals.get(reply.body);
    if (!arrival) problems.push(`missing: ${reply.body.slice(0, 40)}`);
    else if (arrival.count !== 1) problems.push(`${arrival.count} times: ${reply.body.slice(0, 40)}`);
    else if (arrival.attachments !== reply.files) problems.push(`${arrival.attachments}/${reply.files} files: ${reply.body.slice(0, 40)}`);
  }
  return problems;
}
