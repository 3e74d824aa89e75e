/** What the audit fields answer. */
import { PageType } from '../platform/pagination';
import { AuditEvent } from './audit-event.entity';

export const AuditEventPage = PageType(AuditEvent);
