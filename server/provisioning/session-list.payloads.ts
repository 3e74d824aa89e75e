/** What the session-list fields answer. */
import { PageType } from '../platform/pagination';
import { ProvisioningSession } from './provisioning-session.entity';

export const SessionPage = PageType(ProvisioningSession);
