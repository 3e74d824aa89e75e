import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Onboarding metrics: rollups per grouping by day, week and month, and the queue of days whose rollups a change made stale.
 * Triggers on the facts append (family, day) rows to the queue; server/metrics/rollups.ts recomputes those days.
 * Appending never waits on another transaction, so the wizard's writes do not serialize on a hot counter row.
 */
export class Metrics1764300000000 implements MigrationInterface {
  name = 'Metrics1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- What the trial metrics count: how often a trial was extended, and when it first lapsed (kept after an extension).
      ALTER TABLE customer_org ADD COLUMN trial_extension_count int NOT NULL DEFAULT 0 CHECK (trial_extension_count >= 0);
      ALTER TABLE customer_org ADD COLUMN trial_expired_at timestamptz;
      CREATE INDEX customer_org_trial_started_on ON customer_org (((trial_started_at AT TIME ZONE 'UTC')::date)) WHERE trial_started_at IS NOT NULL;

      -- The days each family's rollups are kept by, indexed so that recomputing one day reads only that day's facts.
      CREATE INDEX orders_booked_on ON orders (((created_at AT TIME ZONE 'UTC')::date));
      CREATE INDEX orders_mapped_on ON orders (((mapped_at AT TIME ZONE 'UTC')::date)) WHERE mapped_at IS NOT NULL;
      CREATE INDEX provisioning_session_ended_on ON provisioning_session (((finished_at AT TIME ZONE 'UTC')::date))
        WHERE status IN ('ABANDONED', 'EXPIRED');
      CREATE INDEX support_case_opened_on ON support_case (((created_at AT TIME ZONE 'UTC')::date));
      CREATE INDEX support_case_resolved_on ON support_case (((resolved_at AT TIME ZONE 'UTC')::date)) WHERE resolved_at IS NOT NULL;
      CREATE INDEX orders_trial_customer_org_id ON orders (trial_customer_org_id) WHERE trial_customer_org_id IS NOT NULL;

      CREATE FUNCTION metric_step_rank(step text) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT array_position(
          ARRAY['ROLE', 'SETUP_PERFORMER', 'PARTNER_ORG', 'CUSTOMER_ADMIN', 'CUSTOMER_COMPANY', 'CUSTOMER_ORG', 'CONFIRM', 'DONE'], step)
      $$;

      -- Durations are counted in buckets 5% wide, so that a median over any range comes from a few hundred rows at most:
      -- a bucket is named by its upper bound, 60 s × 1.05^k rounded up to a whole second (the first holds a minute or less).
      CREATE FUNCTION metric_duration_bucket(seconds double precision) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN seconds <= 60 THEN 60
          ELSE ceil(60 * power(1.05::double precision, ceil(ln(seconds / 60) / ln(1.05::double precision))))
        END::int
      $$;

      CREATE TABLE metric_stale_day (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        family text NOT NULL CHECK (family IN ('FUNNEL', 'DROP_OFF', 'DURATION', 'TRIAL', 'CASE')),
        day date NOT NULL
      );

      -- Every rollup row is one period of one group. grain DAY, WEEK (day is its Monday) or MONTH (day is its first):
      -- a range is read as its whole months, whole weeks and remaining days, a few dozen periods however long it is.
      -- dim ALL (value ''), OFFER, COUNTRY, REGION or PARTNER_ORG; a value not known yet (an order not mapped, so no
      -- customer org) is 'UNKNOWN'.
      CREATE TABLE metric_funnel (
        dim text NOT NULL,
        grain text NOT NULL CHECK (grain IN ('DAY', 'WEEK', 'MONTH')),
        day date NOT NULL,
        value text NOT NULL,
        orders_booked int NOT NULL,
        setup_emails_sent int NOT NULL,
        links_opened int NOT NULL,
        orders_reached int[] NOT NULL,
        sessions_reached int[] NOT NULL,
        orders_mapped int NOT NULL,
        PRIMARY KEY (dim, grain, day, value)
      );
      CREATE TABLE metric_drop_off (
        dim text NOT NULL,
        grain text NOT NULL CHECK (grain IN ('DAY', 'WEEK', 'MONTH')),
        day date NOT NULL,
        value text NOT NULL,
        status text NOT NULL,
        step text NOT NULL,
        sessions int NOT NULL,
        PRIMARY KEY (dim, grain, day, value, status, step)
      );
      CREATE TABLE metric_duration (
        dim text NOT NULL,
        grain text NOT NULL CHECK (grain IN ('DAY', 'WEEK', 'MONTH')),
        day date NOT NULL,
        value text NOT NULL,
        measure text NOT NULL,
        bucket int NOT NULL,
        orders int NOT NULL,
        PRIMARY KEY (dim, grain, day, value, measure, bucket)
      );
      CREATE TABLE metric_trial (
        dim text NOT NULL,
        grain text NOT NULL CHECK (grain IN ('DAY', 'WEEK', 'MONTH')),
        day date NOT NULL,
        value text NOT NULL,
        started int NOT NULL,
        expired int NOT NULL,
        extended int NOT NULL,
        converted int NOT NULL,
        PRIMARY KEY (dim, grain, day, value)
      );
      CREATE TABLE metric_case (
        dim text NOT NULL,
        grain text NOT NULL CHECK (grain IN ('DAY', 'WEEK', 'MONTH')),
        day date NOT NULL,
        value text NOT NULL,
        kind text NOT NULL,
        opened int NOT NULL,
        resolved int NOT NULL,
        PRIMARY KEY (dim, grain, day, value, kind)
      );
      CREATE TABLE metric_case_resolution (
        dim text NOT NULL,
        grain text NOT NULL CHECK (grain IN ('DAY', 'WEEK', 'MONTH')),
        day date NOT NULL,
        value text NOT NULL,
        kind text NOT NULL,
        bucket int NOT NULL,
        cases int NOT NULL,
        PRIMARY KEY (dim, grain, day, value, kind, bucket)
      );

      CREATE FUNCTION metric_stale(family text, at timestamptz) RETURNS void LANGUAGE sql AS $$
        INSERT INTO metric_stale_day (family, day) SELECT family, (at AT TIME ZONE 'UTC')::date WHERE at IS NOT NULL
      $$;

      -- An order's groups come from the orgs it maps to: its days in every family go stale when they change.
      CREATE FUNCTION metric_order_days_stale(target uuid) RETURNS void LANGUAGE sql AS $$
        SELECT metric_stale('FUNNEL', o.created_at), metric_stale('DURATION', o.mapped_at) FROM orders o WHERE o.id = target;
        SELECT metric_stale('DROP_OFF', s.finished_at) FROM provisioning_session s
          WHERE s.order_id = target AND s.status IN ('ABANDONED', 'EXPIRED');
        SELECT metric_stale('CASE', c.created_at), metric_stale('CASE', c.resolved_at) FROM support_case c WHERE c.order_id = target;
      $$;

      CREATE FUNCTION metric_orders_stale() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' AND (OLD.partner_org_id, OLD.customer_org_id, OLD.trial_customer_org_id, OLD.offer_code)
              IS DISTINCT FROM (NEW.partner_org_id, NEW.customer_org_id, NEW.trial_customer_org_id, NEW.offer_code) THEN
            PERFORM metric_order_days_stale(NEW.id);
            PERFORM metric_stale('DURATION', OLD.mapped_at);
          ELSE
            PERFORM metric_stale('FUNNEL', NEW.created_at);
            IF TG_OP = 'UPDATE' THEN
              PERFORM metric_stale('DURATION', OLD.mapped_at);
            END IF;
            PERFORM metric_stale('DURATION', NEW.mapped_at);
          END IF;
          -- A trial's offer is that of the order converting it.
          PERFORM metric_stale('TRIAL', t.trial_started_at) FROM customer_org t
            WHERE t.id IN (NEW.trial_customer_org_id, NEW.customer_org_id) AND t.trial_started_at IS NOT NULL;
          RETURN NULL;
        END
      $$;
      CREATE TRIGGER metric_orders_stale AFTER INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION metric_orders_stale();

      CREATE FUNCTION metric_link_opened() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM metric_stale('FUNNEL', o.created_at) FROM orders o WHERE o.id = NEW.order_id;
          RETURN NULL;
        END
      $$;
      CREATE TRIGGER metric_link_opened AFTER UPDATE OF first_opened_at ON setup_link FOR EACH ROW
        WHEN (OLD.first_opened_at IS NULL AND NEW.first_opened_at IS NOT NULL) EXECUTE FUNCTION metric_link_opened();

      CREATE FUNCTION metric_session_stale() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM metric_stale('FUNNEL', o.created_at) FROM orders o WHERE o.id = NEW.order_id;
          IF NEW.status IN ('ABANDONED', 'EXPIRED') THEN
            PERFORM metric_stale('DROP_OFF', NEW.finished_at);
          END IF;
          RETURN NULL;
        END
      $$;
      CREATE TRIGGER metric_session_started AFTER INSERT ON provisioning_session FOR EACH ROW
        EXECUTE FUNCTION metric_session_stale();
      CREATE TRIGGER metric_session_moved AFTER UPDATE OF status, furthest_step ON provisioning_session FOR EACH ROW
        WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.furthest_step IS DISTINCT FROM NEW.furthest_step)
        EXECUTE FUNCTION metric_session_stale();

      CREATE FUNCTION metric_customer_org_stale() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' THEN
            PERFORM metric_stale('TRIAL', OLD.trial_started_at);
            IF (OLD.country_code, OLD.data_residency_region, OLD.partner_org_id)
                IS DISTINCT FROM (NEW.country_code, NEW.data_residency_region, NEW.partner_org_id) THEN
              PERFORM metric_order_days_stale(o.id) FROM orders o WHERE NEW.id IN (o.customer_org_id, o.trial_customer_org_id);
            END IF;
          END IF;
          PERFORM metric_stale('TRIAL', NEW.trial_started_at);
          RETURN NULL;
        END
      $$;
      CREATE TRIGGER metric_customer_org_stale AFTER INSERT OR UPDATE ON customer_org FOR EACH ROW
        EXECUTE FUNCTION metric_customer_org_stale();

      CREATE FUNCTION metric_case_stale() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM metric_stale('CASE', NEW.created_at);
          PERFORM metric_stale('CASE', NEW.resolved_at);
          RETURN NULL;
        END
      $$;
      CREATE TRIGGER metric_case_stale AFTER INSERT OR UPDATE OF status, resolved_at ON support_case FOR EACH ROW
        EXECUTE FUNCTION metric_case_stale();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER metric_case_stale ON support_case;
      DROP TRIGGER metric_customer_org_stale ON customer_org;
      DROP TRIGGER metric_session_moved ON provisioning_session;
      DROP TRIGGER metric_session_started ON provisioning_session;
      DROP TRIGGER metric_link_opened ON setup_link;
      DROP TRIGGER metric_orders_stale ON orders;
      DROP FUNCTION metric_case_stale(), metric_customer_org_stale(), metric_session_stale(), metric_link_opened(),
        metric_orders_stale(), metric_order_days_stale(uuid), metric_stale(text, timestamptz),
        metric_duration_bucket(double precision), metric_step_rank(text);
      DROP TABLE metric_case_resolution, metric_case, metric_trial, metric_duration, metric_drop_off, metric_funnel, metric_stale_day;
      DROP INDEX orders_trial_customer_org_id, support_case_resolved_on, support_case_opened_on, provisioning_session_ended_on,
        orders_mapped_on, orders_booked_on, customer_org_trial_started_on;
      ALTER TABLE customer_org DROP COLUMN trial_expired_at, DROP COLUMN trial_extension_count;
    `);
  }
}
