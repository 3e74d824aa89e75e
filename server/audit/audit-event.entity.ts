import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ActorKind = 'STAFF' | 'API_KEY' | 'WIZARD' | 'SYSTEM';

/** Who changed what, when, before and after. The database refuses UPDATE, DELETE and TRUNCATE on this table. */
@Entity({ name: 'audit_event' })
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'actor_kind', type: 'text' })
  actorKind: ActorKind;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;
}
