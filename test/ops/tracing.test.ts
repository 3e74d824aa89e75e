/** Traces of the deployed server over OTLP/HTTP to a receiver of the test's: one request's HTTP, GraphQL and pg spans in one trace, with its request id. */
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Deployed, startDeployed } from '../support/deployed';
import { todayUtc, waitFor } from '../process/support';

/** An OTLP attribute as JSON encodes it: one of these value kinds. */
interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
}

/** One span as the receiver got it, with the name of the instrumentation (scope) that made it. */
interface ReceivedSpan {
  scope: string;
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** 2 is SERVER, 3 CLIENT (OTLP's SpanKind). */
  kind: number;
  attributes: Record<string, unknown>;
}

/** A tiny OTLP/HTTP receiver (JSON encoding): every span POSTed to /v1/traces, in arrival order. */
class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  /** What came to another path or could not be read: the test fails on any. */
  readonly refused: string[] = [];
  private constructor(private readonly server: Server) {}

  static async start(): Promise<OtlpReceiver> {
    const server = createServer();
    const receiver = new OtlpReceiver(server);
    server.on('request', (request, response) => {
      void receiver.receive(request).then((accepted) => {
        response.writeHead(accepted ? 200 : 400, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    return receiver;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((closed) => this.server.close(() => closed()));
  }

  private async receive(request: IncomingMessage): Promise<boolean> {
    let body = '';
    for await (const chunk of request) body += chunk;
    if (request.method !== 'POST' || request.url !== '/v1/traces' || !request.headers['content-type']?.startsWith('application/json')) {
      this.refused.push(`${request.method} ${request.url} ${request.headers['content-type']}`);
      return false;
    }
    for (const resourceSpans of JSON.parse(body).resourceSpans ?? []) {
      const service = attributesOf(resourceSpans.resource?.attributes)['service.name'] as string;
      for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
        for (const span of scopeSpans.spans ?? []) {
          this.spans.push({
            scope: scopeSpans.scope?.name,
            service,
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId || undefined,
            name: span.name,
            kind: span.kind,
            attributes: attributesOf(span.attributes),
          });
        }
      }
    }
    return true;
  }
}

function attributesOf(list: OtlpAttribute[] = []): Record<string, unknown> {
  return Object.fromEntries(
    list.map(({ key, value }) => [key, value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue]),
  );
}

let receiver: OtlpReceiver;
let d: Deployed;

beforeAll(async () => {
  receiver = await OtlpReceiver.start();
  d = await startDeployed({
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      // Export each batch at once rather than every 5 s, so that the test waits on spans, not on a timer.
      OTEL_BSP_SCHEDULE_DELAY: '10',
      OTEL_SERVICE_NAME: 'wxcc-tracing-test',
      // No relay: the Set up now email stays in the outbox and the request's delivery logs it, with the request's ids.
      SMTP_URL: '',
    },
  });
}, 120_000);

afterAll(async () => {
  // The last test stops the server itself.
  if (d?.server.running) await d.close();
  await receiver?.close();
});

test('one GraphQL request: its HTTP server span (with the request id), GraphQL and pg spans in one trace, and the trace id on its log lines', async () => {
  const response = await d.gql(
    `mutation TracedSubmit($input: OrderSubmitInput!) { orderSubmit(input: $input) { order { id status } userErrors { code } } }`,
    {
      input: {
        subscriptionId: 'Sub-traced-1',
        commerceOrderNumber: 'CO-traced-1',
        offerCode: 'A-WXCC-STD',
        seats: 10,
        requestedStartDate: todayUtc(),
        provisioningContactEmail: 'contact@traced.example',
      },
    },
    { token: d.commerceKey },
  );
  expect(response.body.data.orderSubmit.userErrors).toEqual([]);
  // The server makes each request's id; a client cannot choose it.
  const requestId = response.headers.get('x-request-id')!;
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

  const serverSpan = () => receiver.spans.find((span) => span.kind === 2 && span.attributes['request.id'] === requestId);
  const inTrace = (scope: string) => receiver.spans.filter((span) => span.traceId === serverSpan()?.traceId && span.scope === scope);
  await waitFor(
    () =>
      Boolean(serverSpan()) &&
      inTrace('@opentelemetry/instrumentation-graphql').length > 0 &&
      inTrace('@opentelemetry/instrumentation-pg').length > 0,
    20_000,
    () =>
      `no complete trace for request ${requestId}; spans received:\n${receiver.spans.map((s) => `${s.traceId} ${s.scope} ${s.name}`).join('\n')}`,
  );
  const http = serverSpan()!;
  expect(http.scope).toBe('@opentelemetry/instrumentation-http');
  expect(http.service).toBe('wxcc-tracing-test');
  expect(http.parentSpanId).toBeUndefined();
  expect(http.attributes['http.request.method'] ?? http.attributes['http.method']).toBe('POST');

  const graphql = inTrace('@opentelemetry/instrumentation-graphql');
  expect(graphql.map((span) => span.name)).toEqual(expect.arrayContaining(['graphql.parse', 'graphql.validate']));
  const execute = graphql.find((span) => span.attributes['graphql.operation.name'] === 'TracedSubmit');
  expect(execute?.attributes['graphql.operation.type']).toBe('mutation');

  const pg = inTrace('@opentelemetry/instrumentation-pg');
  expect(
    pg.some(
      (span) =>
        span.kind === 3 && /INSERT INTO "?orders"?/.test(String(span.attributes['db.query.text'] ?? span.attributes['db.statement'])),
    ),
  ).toBe(true);
  // Express's router and handlers are in the trace too, under the HTTP span.
  expect(inTrace('@opentelemetry/instrumentation-express').length).toBeGreaterThan(0);
  // Every span of the trace hangs from one received span or from the HTTP span: one tree, nothing missing.
  const ids = new Set(receiver.spans.filter((span) => span.traceId === http.traceId).map((span) => span.spanId));
  expect([...graphql, ...pg].filter((span) => !ids.has(span.parentSpanId!))).toEqual([]);

  // The email the request queued is logged by the request's own delivery: the line carries both ids.
  await waitFor(
    () => d.logLines().some((line) => line.requestId === requestId),
    10_000,
    () => `no log line of request ${requestId}:\n${d.server.log}`,
  );
  expect(
    d
      .logLines()
      .filter((line) => line.requestId === requestId)
      .map((line) => line.traceId),
  ).toEqual(expect.arrayContaining([http.traceId]));
  expect(d.logLines().filter((line) => line.requestId === requestId && line.traceId !== http.traceId)).toEqual([]);
  expect(receiver.refused).toEqual([]);
});

test('health checks and scrapes are not traced', async () => {
  const before = receiver.spans.length;
  expect((await fetch(`${d.origin}/healthz`)).status).toBe(200);
  // A traced request after the probe: once its span is in, the probe's would be too, had it been made.
  const marker = await d.gql('query AfterProbe { __typename }');
  const markerId = marker.headers.get('x-request-id');
  await waitFor(
    () => receiver.spans.some((span) => span.attributes['request.id'] === markerId),
    20_000,
    () => `no span for request ${markerId}`,
  );
  const later = receiver.spans.slice(before).filter((span) => span.scope === '@opentelemetry/instrumentation-http');
  expect(later.map((span) => span.attributes['url.path'] ?? span.attributes['http.target'])).not.toContain('/healthz');
});

test('a clean stop flushes and logs nothing at warn or above', async () => {
  await d.close();
  expect(d.server.running).toBe(false);
  expect(d.logLines().filter((line) => line.level >= 40)).toEqual([]);
});
