/** What an administrator manages: staff accounts and the commerce integration's API keys. Every change is audited. */
import { hash } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit';
import type { Clock } from '../platform/clock';
import type { Actor } from '../platform/actor';
import { Problem, Refusal, refuseIfAny, violatesUnique } from '../platform/errors';
import { Page, PageInput, pageOf } from '../platform/pagination';
import { hashToken, newToken, TOKEN_PREFIX } from '../platform/tokens';
import { checkEmail, checkText, isId, problems } from '../platform/validate';
import { ApiKey, MAX_STAFF_NAME_LENGTH, Staff, StaffRole } from './staff.entity';

export const MIN_PASSWORD_LENGTH = 12;

export class StaffAdminService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  listStaff(page?: PageInput): Promise<Page<Staff>> {
    return pageOf(this.db.getRepository(Staff).createQueryBuilder('s').orderBy('lower(s.email)'), page);
  }

  listApiKeys(page?: PageInput): Promise<Page<ApiKey>> {
    return pageOf(this.db.getRepository(ApiKey).createQueryBuilder('k').orderBy('k.createdAt', 'DESC'), page);
  }

  /** A new account; without a password one is generated and returned, once. */
  async createStaff(
    input: { email: string; role: StaffRole; name?: string | null; password?: string | null },
    actor: Actor,
  ): Promise<{ staff: Staff; password?: string }> {
    const { email, role, name, password } = input;
    refuseIfAny(problems(checkEmail('email', email), checkName(name)));
    if (password !== undefined && password !== null && password.length < MIN_PASSWORD_LENGTH) {
      throw Refusal.of('WEAK_PASSWORD', 'password', { min: MIN_PASSWORD_LENGTH });
    }
    const generated = password ? undefined : randomBytes(15).toString('base64url');
    const passwordHash = await hash(password ?? generated!);
    const now = this.clock.now();
    return this.db
      .transaction(async (m) => {
        const { identifiers } = await m.insert(Staff, {
          email: email.trim(),
          name: name?.trim() ?? null,
          passwordHash,
          role,
          createdAt: now,
        });
        const staff = await m.findOneByOrFail(Staff, { id: identifiers[0].id });
        await recordAudit(m, actor, now, { action: 'staff.create', entityType: 'Staff', entityId: staff.id, after: staff });
        return { staff, password: generated };
      })
      .catch((error) => {
        if (violatesUnique(error, 'staff_email_key')) {
          throw Refusal.of('STAFF_EMAIL_IN_USE', 'email');
        }
        throw error;
      });
  }

  /**
   * Renames an account, changes its role, disables or enables it, or sets a new password; the last active administrator
   * stays one. Any of these but the name ends every token the account was given before.
   */
  async updateStaff(
    input: {
      id: string;
      version: number;
      name?: string | null;
      role?: StaffRole | null;
      disabled?: boolean | null;
      password?: string | null;
    },
    actor: Actor,
  ): Promise<Staff> {
    refuseIfAny(problems(checkName(input.name)));
    if (input.password !== undefined && input.password !== null && input.password.length < MIN_PASSWORD_LENGTH) {
      throw Refusal.of('WEAK_PASSWORD', 'password', { min: MIN_PASSWORD_LENGTH });
    }
    const passwordHash = input.password ? await hash(input.password) : undefined;
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      // Serialize admin changes so two of them cannot each leave the other as "the last admin".
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('wxcc:staff-admins'))`);
      const staff = isId(input.id) ? await m.findOne(Staff, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!staff) throw Refusal.of('NOT_FOUND', 'id');
      if (staff.version !== input.version) throw Refusal.of('STALE_VERSION', 'version');
      const before = { ...staff };
      if (input.name !== undefined && input.name !== null) staff.name = input.name.trim();
      if (input.role) staff.role = input.role;
      if (input.disabled !== undefined && input.disabled !== null) staff.disabledAt = input.disabled ? (staff.disabledAt ?? now) : null;
      const stillAdmin = staff.role === StaffRole.ADMIN && !staff.disabledAt;
      if (before.role === StaffRole.ADMIN && !before.disabledAt && !stillAdmin && (await this.activeAdmins(m)) <= 1) {
        throw Refusal.of('LAST_ADMIN', 'id');
      }
      staff.version += 1;
      await m.save(staff);
      if (passwordHash) await m.update(Staff, { id: staff.id }, { passwordHash });
      if (staff.role !== before.role || !staff.disabledAt !== !before.disabledAt || passwordHash) {
        await m.increment(Staff, { id: staff.id }, 'tokenGeneration', 1);
      }
      await recordAudit(m, actor, now, {
        action: 'staff.update',
        entityType: 'Staff',
        entityId: staff.id,
        before,
        // The audit says that the password changed, never what it is.
        after: passwordHash ? { ...staff, passwordChanged: true } : staff,
      });
      return staff;
    });
  }

  /** A new COMMERCE key: the key itself is returned once; only its hash is kept. */
  async createApiKey(name: string, actor: Actor): Promise<{ apiKey: ApiKey; key: string }> {
    refuseIfAny(problems(checkText('name', name, 100)));
    const key = newToken(TOKEN_PREFIX.apiKey);
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      const { identifiers } = await m.insert(ApiKey, {
        name: name.trim(),
        keyHash: hashToken(key),
        hint: key.slice(0, 8),
        createdByStaffId: actor.kind === 'STAFF' ? actor.id : null,
        createdAt: now,
      });
      const apiKey = await m.findOneByOrFail(ApiKey, { id: identifiers[0].id });
      await recordAudit(m, actor, now, { action: 'apiKey.create', entityType: 'ApiKey', entityId: apiKey.id, after: apiKey });
      return { apiKey, key };
    });
  }

  async revokeApiKey(id: string, actor: Actor): Promise<ApiKey> {
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      const apiKey = isId(id) ? await m.findOne(ApiKey, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!apiKey) throw Refusal.of('NOT_FOUND', 'id');
      if (apiKey.revokedAt) return apiKey;
      const before = { ...apiKey };
      apiKey.revokedAt = now;
      await m.update(ApiKey, { id }, { revokedAt: now });
      await recordAudit(m, actor, now, { action: 'apiKey.revoke', entityType: 'ApiKey', entityId: id, before, after: apiKey });
      return apiKey;
    });
  }

  private async activeAdmins(m: EntityManager): Promise<number> {
    const [{ count }] = await m.query(`SELECT count(*)::int AS count FROM staff WHERE role = 'ADMIN' AND disabled_at IS NULL`);
    return count;
  }
}

/** A name given is neither blank nor longer than MAX_STAFF_NAME_LENGTH; none given is fine (the email stands alone). */
function checkName(name: string | null | undefined): Problem | undefined {
  return name === undefined || name === null ? undefined : checkText('name', name, MAX_STAFF_NAME_LENGTH);
}
