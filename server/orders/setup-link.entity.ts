import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The token behind a Set up now email. Only its SHA-256 hash is stored; the token itself is shown once. */
@Entity({ name: 'setup_link' })
export class SetupLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Column({ name: 'token_hash', type: 'bytea' })
  tokenHash: Buffer;

  @Column({ name: 'recipient_email', type: 'text' })
  recipientEmail: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'first_opened_at', type: 'timestamptz', nullable: true })
  firstOpenedAt: Date | null;

  @Column({ name: 'open_count', type: 'int', default: 0 })
  openCount: number;
}
