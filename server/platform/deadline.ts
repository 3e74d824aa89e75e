/**
 * Every GraphQL request has a deadline (REQUEST_DEADLINE_MS, 20 s by default). A request still running then is
 * answered at once with `data: null` and one error of code TIMEOUT (HTTP 200, as every error raised while an
 * operation runs; the API answers no 5xx), and its work is cut short: it may send no further
 * statement to the database (one under way ends by the connection's statement_timeout, which is shorter), and
 * whatever it would have answered is dropped. A mutation answered TIMEOUT may have committed: read before retrying.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import { EntitySubscriberInterface, EventSubscriber } from 'typeorm';

export const TIMEOUT_MESSAGE = 'The request took too long and was stopped. Try again, or ask for less.';

/** setTimeout and clearTimeout, injected so that a test decides when a deadline passes. */
export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(timer: unknown): void;
}

export const systemTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (timer) => clearTimeout(timer as NodeJS.Timeout),
};

interface Deadline {
  passed: boolean;
}

/** The deadline of the request whose work is running, wherever in its asynchronous course. */
const current = new AsyncLocalStorage<Deadline>();

export function timeoutError(): GraphQLError {
  return new GraphQLError(TIMEOUT_MESSAGE, { extensions: { code: 'TIMEOUT' } });
}

/** Statements a request past its deadline may still send: those ending a transaction it has open. */
const CLEAN_UP = /^\s*(ROLLBACK|RELEASE)\b/i;

/** Refuses a statement of a request past its deadline; the data source calls it before each one. */
export function checkDeadline(statement: string): void {
  if (current.getStore()?.passed && !CLEAN_UP.test(statement)) throw timeoutError();
}

/** Called by TypeORM before every statement of a data source that lists it among its subscribers. */
@EventSubscriber()
export class DeadlineSubscriber implements EntitySubscriberInterface {
  beforeQuery(event: { query: string }): void {
    checkDeadline(event.query);
  }
}

/** Runs `work` under a deadline of its own, as the middleware runs a request; for the request's whole course. */
export function withDeadline<T>(deadline: Deadline, work: () => T): T {
  return current.run(deadline, work);
}

/** Longer than a statement may run, so that a slow statement ends as its own error first. */
export const DEFAULT_REQUEST_DEADLINE_MS = 20_000;

/** The middleware putting each request under its deadline. */
export function requestDeadline({
  ms = DEFAULT_REQUEST_DEADLINE_MS,
  timers = systemTimers,
}: { ms?: number; timers?: Timers } = {}): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    const deadline: Deadline = { passed: false };
    const timer = timers.set(() => {
      if (res.writableEnded) return;
      deadline.passed = true;
      const { message, extensions } = timeoutError();
      const requestId = res.locals.requestId as string | undefined;
      const body = JSON.stringify({
        errors: [{ message, extensions: { code: extensions.code, ...(requestId ? { requestId } : {}) } }],
        data: null,
      });
      res.status(200).set('Content-Type', 'application/json; charset=utf-8').set('Cache-Control', 'no-store').end(body);
      dropLaterAnswer(res);
    }, ms);
    res.once('close', () => timers.clear(timer));
    withDeadline(deadline, next);
  };
}

/** What the request's handler writes after the deadline's answer goes nowhere, instead of failing on headers sent. */
function dropLaterAnswer(res: Response): void {
  res.setHeader = () => res;
  res.send = () => res;
  res.write = () => true;
  res.end = () => res;
}
