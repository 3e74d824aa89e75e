/** A real HTTP receiver on 127.0.0.1 for the webhook tests: records each POST and answers as the test says. */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  event: { id: string; type: string; createdAt: string; apiVersion: string; data: Record<string, any> };
}

/** What to answer: a status (and body), or 'hang' to never answer. */
export type Answer = { status: number; body?: string } | 'hang';

export interface Receiver {
  url: string;
  received: Received[];
  /** Decides each answer; 200 "ok" unless the test sets one. */
  answer: (request: Received) => Answer;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const hanging = new Set<ServerResponse>();
  const receiver: Receiver = {
    url: '',
    received,
    answer: () => ({ status: 200, body: 'ok' }),
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const entry: Received = { path: request.url ?? '/', headers: request.headers, body, event: JSON.parse(body) };
      received.push(entry);
      const answer = receiver.answer(entry);
      if (answer === 'hang') {
        hanging.add(response);
        return;
      }
      response.writeHead(answer.status, { 'content-type': 'text/plain' });
      response.end(answer.body ?? '');
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}

/**
 * The verification a receiver runs (docs/webhooks.md has the same snippet): the HMAC-SHA256 of "<t>.<body>" with the
 * endpoint's secret, compared in constant time, and a timestamp no older than five minutes.
 */
export function verifyWebhook(secret: string, header: string, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const { createHmac, timingSafeEqual } = require('node:crypto') as typeof import('node:crypto');
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
