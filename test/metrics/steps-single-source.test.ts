/** What the migrations made of the wizard's steps (step ranks, per-step rollup columns) follows server/provisioning/steps.ts, in order. */
import { isDeepStrictEqual } from 'node:util';
import { FUNNEL_STEPS, stepColumns } from '../../server/metrics/rollups';
import { STEPS } from '../../server/provisioning/steps';
import { Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Fails, saying which migration is missing, when what the migrations made differs from what steps.ts says. */
function expectMigrated(what: string, migrated: string[], fromSteps: readonly string[]): void {
  if (isDeepStrictEqual(migrated, [...fromSteps])) return;
  throw new Error(
    `${what}, after every migration: ${migrated.join(', ')}\n` +
      `from the steps in server/provisioning/steps.ts: ${fromSteps.join(', ')}\n` +
      `A wizard step added, removed or moved needs a new migration in server/db/migrations that brings ${what} in line.`,
  );
}

/** The per-step count columns of a rollup table (`<prefix>_<rank>`), in the table's order. */
async function stepColumnsOf(table: string): Promise<string[]> {
  const rows: { column_name: string }[] = await h.db.query(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 AND column_name ~ '_[0-9]+$' ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((row) => row.column_name);
}

test('metric_step_rank ranks exactly the steps of steps.ts, in their order from 1', async () => {
  const [{ source }] = await h.db.query(
    `SELECT p.prosrc AS source FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE p.proname = 'metric_step_rank' AND n.nspname = current_schema()`,
  );
  const ranked = [...(/ARRAY\[([^\]]*)\]/.exec(source)?.[1] ?? '').matchAll(/'([^']*)'/g)].map((match) => match[1]);
  expectMigrated('the steps metric_step_rank ranks', ranked, STEPS);

  const ranks: { step: string; rank: number | null }[] = await h.db.query(
    `SELECT s.step, metric_step_rank(s.step) AS rank FROM unnest($1::text[]) WITH ORDINALITY s(step, i) ORDER BY s.i`,
    [STEPS],
  );
  expectMigrated(
    'metric_step_rank of each step',
    ranks.map(({ step, rank }) => `${step} ${rank}`),
    STEPS.map((step, i) => `${step} ${i + 1}`),
  );
});

test('metric_funnel has an orders_reached and a sessions_reached column per step but DONE, by rank', async () => {
  expectMigrated("metric_funnel's per-step columns", await stepColumnsOf('metric_funnel'), [
    ...stepColumns('orders_reached'),
    ...stepColumns('sessions_reached'),
  ]);
});

test('metric_drop_off has an abandoned and an expired column per step but DONE, by rank', async () => {
  expectMigrated("metric_drop_off's per-step columns", await stepColumnsOf('metric_drop_off'), [
    ...stepColumns('abandoned'),
    ...stepColumns('expired'),
  ]);
});

test('the funnel counts the steps of steps.ts before DONE, the last, so that a column numbered k counts the step of rank k', () => {
  expect(FUNNEL_STEPS).toEqual(STEPS.slice(0, -1));
});
