import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A Webex user: an email in exactly one org. The database enforces both halves of the rule
 * "a user can belong to only one Webex organization at a time": a unique index on lower(email)
 * and a check that exactly one of the two org references is set.
 */
@Entity({ name: 'webex_user' })
export class WebexUser {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ name: 'partner_org_id', type: 'uuid', nullable: true })
  partnerOrgId: string | null;

  @Column({ name: 'customer_org_id', type: 'uuid', nullable: true })
  customerOrgId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
