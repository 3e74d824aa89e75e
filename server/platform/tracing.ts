/** OpenTelemetry traces (HTTP, Express, GraphQL, pg) over OTLP, started only when OTEL_EXPORTER_OTLP_ENDPOINT is set; main.ts imports it first. */
import type { NodeSDK } from '@opentelemetry/sdk-node';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Requests nobody needs a trace of: probes and scrapes, which come every few seconds. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
/** The longest a stop waits for the last spans to be exported: the collector being down must not hold the stop. */
const FLUSH_MS = 3_000;

/**
 * The SDK, when tracing is on. It is loaded here, at the first import of the process, because the instrumentations
 * patch http, express, graphql and pg as they are required: a module loaded earlier would go untraced. Without the
 * endpoint nothing of OpenTelemetry is loaded at all.
 */
const sdk = process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? startSdk() : undefined;

function startSdk(): NodeSDK {
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation } =
    require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { GraphQLInstrumentation } =
    require('@opentelemetry/instrumentation-graphql') as typeof import('@opentelemetry/instrumentation-graphql');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const started = new NodeSDK({
    // OTEL_SERVICE_NAME, when set, wins over this default (the env resource detector).
    serviceName: process.env.OTEL_SERVICE_NAME ?? 'wxcc-provisioning',
    // Traces only: metrics are Prometheus's (/metrics), logs are pino's on standard output.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0]),
        // The id of the request's log lines (X-Request-Id, set by app.ts) on its server span.
        applyCustomAttributesOnSpan: (span, _request, response) => {
          const requestId = isServerResponse(response) ? response.getHeader('x-request-id') : undefined;
          if (typeof requestId === 'string') span.setAttribute('request.id', requestId);
        },
      }),
      new ExpressInstrumentation(),
      // A span per root field (the service call); one per nested field would drown a page of orders in spans.
      new GraphQLInstrumentation({ depth: 1 }),
      // SQL inside a traced request only: pg-boss's polling and the sweep would otherwise make a trace a second.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  started.start();
  return started;
}

function isServerResponse(response: IncomingMessage | ServerResponse): response is ServerResponse {
  return 'getHeader' in response;
}

/** Exports the spans still buffered and stops the SDK; call once HTTP has stopped, before the pool closes. */
export async function stopTracing(): Promise<void> {
  if (!sdk) return;
  let timer: NodeJS.Timeout | undefined;
  // A failed export is the collector's problem, not the stop's: OTEL_LOG_LEVEL=warn shows it.
  const flushed = sdk.shutdown().catch(() => undefined);
  await Promise.race([flushed, new Promise<void>((gaveUp) => (timer = setTimeout(gaveUp, FLUSH_MS)))]);
  clearTimeout(timer);
}
