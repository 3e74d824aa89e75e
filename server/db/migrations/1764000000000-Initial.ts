import { MigrationInterface, QueryRunner } from 'typeorm';
import { SEED_COUNTRIES } from '../seed/countries';

/** The model of DOMAIN.md: orders, orgs, Webex users, wizard sessions and their events, links, cases, audit, staff. */
export class Initial1764000000000 implements MigrationInterface {
  name = 'Initial1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE supported_country (
        code char(2) PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
        name text NOT NULL,
        region text NOT NULL CHECK (region IN ('us1', 'ca1', 'eu1', 'eu2', 'anz1', 'jp1', 'sg1', 'in1')),
        contact_center_sold boolean NOT NULL,
        version int NOT NULL DEFAULT 1
      );

      CREATE TABLE partner_org (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        admin_email text NOT NULL,
        country_code char(2) NOT NULL REFERENCES supported_country (code),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );

      CREATE TABLE customer_org (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        admin_email text NOT NULL,
        country_code char(2) NOT NULL REFERENCES supported_country (code),
        data_residency_region text NOT NULL,
        contact_center_data_location text NOT NULL,
        partner_org_id uuid REFERENCES partner_org (id),
        trial_status text NOT NULL DEFAULT 'NONE' CHECK (trial_status IN ('NONE', 'ACTIVE', 'EXPIRED', 'CONVERTED')),
        trial_admin_email text,
        trial_started_at timestamptz,
        trial_expires_at timestamptz,
        trial_converted_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (trial_status = 'NONE' OR (trial_admin_email IS NOT NULL AND trial_expires_at IS NOT NULL))
      );
      CREATE INDEX customer_org_partner_org_id ON customer_org (partner_org_id);
      CREATE INDEX customer_org_trial_expires_at ON customer_org (trial_expires_at) WHERE trial_status = 'ACTIVE';

      -- One org per email, case-insensitively: the rule "a user can belong to only one Webex organization at a time".
      CREATE TABLE webex_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        partner_org_id uuid REFERENCES partner_org (id),
        customer_org_id uuid REFERENCES customer_org (id),
        created_at timestamptz NOT NULL,
        CHECK (num_nonnulls(partner_org_id, customer_org_id) = 1)
      );
      CREATE UNIQUE INDEX webex_user_email_key ON webex_user (lower(email));
      CREATE INDEX webex_user_partner_org_id ON webex_user (partner_org_id);
      CREATE INDEX webex_user_customer_org_id ON webex_user (customer_org_id);

      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subscription_id text NOT NULL CHECK (subscription_id ~ '^Sub[A-Za-z0-9-]+$'),
        commerce_order_number text NOT NULL,
        purchase_order_number text,
        offer_code text NOT NULL,
        seats int NOT NULL CHECK (seats > 0),
        requested_start_date date NOT NULL,
        provisioning_contact_email text NOT NULL,
        status text NOT NULL CHECK (status IN ('BOOKED', 'AWAITING_PROVISIONING_DETAILS', 'MAPPED', 'CLOSED', 'CANCELLED')),
        setup_window_days int NOT NULL CHECK (setup_window_days > 0),
        setup_email_sent_at timestamptz,
        window_closes_at timestamptz,
        mapped_at timestamptz,
        partner_org_id uuid REFERENCES partner_org (id),
        customer_org_id uuid REFERENCES customer_org (id),
        trial_customer_org_id uuid REFERENCES customer_org (id),
        mapped_by_session_id uuid,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (status <> 'MAPPED' OR (customer_org_id IS NOT NULL AND mapped_at IS NOT NULL))
      );
      CREATE UNIQUE INDEX orders_subscription_id_key ON orders (subscription_id);
      CREATE INDEX orders_status_requested_start_date ON orders (status, requested_start_date);
      CREATE INDEX orders_window_closes_at ON orders (window_closes_at) WHERE status = 'AWAITING_PROVISIONING_DETAILS';
      CREATE INDEX orders_partner_org_id ON orders (partner_org_id);
      CREATE INDEX orders_customer_org_id ON orders (customer_org_id);

      CREATE TABLE setup_link (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES orders (id),
        token_hash bytea NOT NULL,
        recipient_email text NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        first_opened_at timestamptz,
        open_count int NOT NULL DEFAULT 0
      );
      CREATE UNIQUE INDEX setup_link_token_hash_key ON setup_link (token_hash);
      CREATE INDEX setup_link_order_id ON setup_link (order_id);

      CREATE TABLE provisioning_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES orders (id),
        setup_link_id uuid NOT NULL REFERENCES setup_link (id),
        token_hash bytea NOT NULL,
        contact_email text NOT NULL,
        status text NOT NULL CHECK (status IN ('ACTIVE', 'COMPLETED', 'ABANDONED', 'EXPIRED', 'DELEGATED', 'SUPERSEDED')),
        current_step text NOT NULL,
        furthest_step text NOT NULL,
        draft jsonb NOT NULL DEFAULT '{}',
        started_at timestamptz NOT NULL,
        last_activity_at timestamptz NOT NULL,
        finished_at timestamptz,
        version int NOT NULL DEFAULT 1,
        CHECK (status IN ('ACTIVE', 'COMPLETED') OR draft = '{}'::jsonb)
      );
      CREATE UNIQUE INDEX provisioning_session_token_hash_key ON provisioning_session (token_hash);
      -- Opening a link supersedes the order's active session: at most one is active, whatever races.
      CREATE UNIQUE INDEX provisioning_session_one_active ON provisioning_session (order_id) WHERE status = 'ACTIVE';
      CREATE INDEX provisioning_session_idle ON provisioning_session (last_activity_at) WHERE status = 'ACTIVE';
      CREATE INDEX provisioning_session_order_id ON provisioning_session (order_id);

      CREATE TABLE provisioning_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES provisioning_session (id),
        order_id uuid NOT NULL REFERENCES orders (id),
        kind text NOT NULL CHECK (kind IN ('STARTED', 'STEP_ANSWERED', 'COMPLETED', 'ABANDONED', 'EXPIRED', 'DELEGATED', 'SUPERSEDED')),
        step text,
        occurred_at timestamptz NOT NULL
      );
      CREATE INDEX provisioning_event_session_id ON provisioning_event (session_id);
      CREATE INDEX provisioning_event_occurred_at ON provisioning_event (occurred_at);

      CREATE TABLE support_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('PARTNER_ORG_INCORRECT', 'CUSTOMER_ORG_INCORRECT', 'TRIAL_EXPIRED', 'OTHER')),
        status text NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
        order_id uuid NOT NULL REFERENCES orders (id),
        session_id uuid REFERENCES provisioning_session (id),
        partner_org_id uuid REFERENCES partner_org (id),
        customer_org_id uuid REFERENCES customer_org (id),
        message text NOT NULL,
        reporter_email text NOT NULL,
        resolution text,
        resolved_by_staff_id uuid,
        resolved_at timestamptz,
        created_at timestamptz NOT NULL,
        version int NOT NULL DEFAULT 1,
        CHECK (status = 'OPEN' OR (resolution IS NOT NULL AND resolved_at IS NOT NULL))
      );
      CREATE INDEX support_case_status_created_at ON support_case (status, created_at);
      CREATE INDEX support_case_order_id ON support_case (order_id);

      CREATE TABLE audit_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor_kind text NOT NULL CHECK (actor_kind IN ('STAFF', 'API_KEY', 'WIZARD', 'SYSTEM')),
        actor_id text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb
      );
      CREATE INDEX audit_event_entity ON audit_event (entity_type, entity_id, occurred_at);
      CREATE INDEX audit_event_occurred_at ON audit_event (occurred_at);
      CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
      $$;
      CREATE TRIGGER audit_event_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

      CREATE TABLE staff (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('REP', 'ANALYST', 'ADMIN')),
        created_at timestamptz NOT NULL,
        disabled_at timestamptz
      );
      CREATE UNIQUE INDEX staff_email_key ON staff (lower(email));

      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        key_hash bytea NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
      CREATE UNIQUE INDEX api_key_key_hash_key ON api_key (key_hash);

      -- Secrets every server process must share, such as the JWT signing key.
      CREATE TABLE app_secret (
        name text PRIMARY KEY,
        value text NOT NULL
      );
    `);
    await db.query(
      `INSERT INTO supported_country (code, name, region, contact_center_sold)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[])`,
      [
        SEED_COUNTRIES.map((c) => c.code),
        SEED_COUNTRIES.map((c) => c.name),
        SEED_COUNTRIES.map((c) => c.region),
        SEED_COUNTRIES.map((c) => c.contactCenterSold),
      ],
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE app_secret, api_key, staff, audit_event, support_case, provisioning_event, provisioning_session,
        setup_link, orders, webex_user, customer_org, partner_org, supported_country;
      DROP FUNCTION audit_event_is_append_only();
    `);
  }
}
