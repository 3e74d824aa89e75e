/** Staff accounts, their login, and turning a bearer credential into a caller. */
import { hash, verify } from '@node-rs/argon2';
import { randomBytes, randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { queryPrepared } from '../platform/prepared';
import type { Clock } from '../platform/clock';
import type { Principal } from '../platform/actor';
import { forbidden, Refusal } from '../platform/errors';
import { hashToken, TOKEN_PREFIX } from '../platform/tokens';
import { isId } from '../platform/validate';
import { LoginThrottle } from './login-throttle';
import { Staff, StaffRole } from './staff.entity';

const TOKEN_LIFETIME_SECONDS = 8 * 60 * 60;
const ISSUER = 'wxcc-provisioning';
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;
/** How many signed tokens keep their checked claims: a console session sends the same token with every request. */
const CHECKED_TOKENS = 1000;

/** What a staff token says, once its signature, issuer and claims' shapes have been checked. */
interface StaffClaims {
  sub: string;
  jti: string;
  gen: number;
  exp: number;
  nbf?: number;
}

// authenticate runs on every request with a credential: fixed statements, no query building.
const SESSION_BY_TOKEN = 'SELECT id, order_id FROM provisioning_session WHERE token_hash = $1';
const API_KEY_BY_HASH = 'SELECT id FROM api_key WHERE key_hash = $1 AND revoked_at IS NULL';
// A staff token works while its account is enabled, at the generation it was signed for, and not logged out.
const STAFF_BY_TOKEN = `SELECT id, role FROM staff
  WHERE id = $1 AND disabled_at IS NULL AND token_generation = $2
    AND NOT EXISTS (SELECT 1 FROM revoked_staff_token WHERE id = $3)`;
// A logged-out token is kept until it would have expired; those that have are dropped on the way.
const END_TOKEN = `WITH expired AS (DELETE FROM revoked_staff_token WHERE expires_at <= $3)
  INSERT INTO revoked_staff_token (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`;

/** A staff caller, with the token it came with, so that logging out can end that token only. */
export type StaffTokenPrincipal = Extract<Principal, { kind: 'STAFF' }> & { token: { id: string; expiresAt: Date } };

export class StaffService {
  private signingKey?: Promise<Uint8Array>;
  private decoy?: Promise<string>;
  /**
   * Tokens already checked against the key, by their text: the key never changes while the server runs, so only the
   * time-bound claims need checking again (a signature check costs more than the rest of a token's lookup).
   */
  private readonly checkedTokens = new Map<string, StaffClaims>();

  private readonly throttle: LoginThrottle;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {
    this.throttle = new LoginThrottle(db);
  }

  async createStaff(email: string, password: string, role: StaffRole): Promise<Staff> {
    const staff = this.db.getRepository(Staff);
    const { identifiers } = await staff.insert({
      email: email.trim(),
      passwordHash: await hash(password),
      role,
      createdAt: this.clock.now(),
    });
    return staff.findOneByOrFail({ id: identifiers[0].id });
  }

  /** The first administrator, when no staff exists: returns the password to print when one was generated. */
  async ensureFirstAdmin(email: string | undefined, password: string | undefined): Promise<{ email: string; password?: string } | null> {
    const adminEmail = email ?? 'admin@localhost';
    const generated = password ? undefined : randomBytes(12).toString('base64url');
    const passwordHash = await hash(password ?? generated!);
    // Replicas starting together on a fresh database take turns, so exactly one creates the admin.
    const created = await this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('wxcc:first-admin'))`);
      if ((await m.count(Staff)) > 0) return false;
      await m.insert(Staff, { email: adminEmail, passwordHash, role: StaffRole.ADMIN, createdAt: this.clock.now() });
      return true;
    });
    return created ? { email: adminEmail, password: generated } : null;
  }

  /** Registers a COMMERCE key given by configuration; starting twice with the same key keeps one row. */
  async ensureApiKey(name: string, key: string): Promise<void> {
    await this.db.query(`INSERT INTO api_key (name, key_hash, created_at) VALUES ($1, $2, $3) ON CONFLICT (key_hash) DO NOTHING`, [
      name,
      hashToken(key),
      this.clock.now(),
    ]);
  }

  /**
   * A JWT for the right password. The attempt claims its slot in the throttle before the password is checked, so
   * concurrent guesses count; while the address or the account must wait, the password is not checked at all.
   */
  async login(email: string, password: string, address: string): Promise<{ token: string; staff: Staff }> {
    const wait = await this.throttle.claim(email, address, this.clock.now());
    if (wait > 0) throw Refusal.of('LOGIN_THROTTLED', undefined, { seconds: wait });
    const staff = await this.db
      .getRepository(Staff)
      .createQueryBuilder('staff')
      .addSelect(['staff.passwordHash', 'staff.tokenGeneration'])
      .where('lower(staff.email) = lower(:email)', { email: email.trim() })
      .andWhere('staff.disabledAt IS NULL')
      .getOne();
    // An unknown email costs the same hash check as a wrong password, so timing does not tell them apart.
    const ok = await verify(staff?.passwordHash ?? (await this.decoyHash()), password);
    if (!staff || !ok) throw Refusal.of('INVALID_CREDENTIALS');
    await this.throttle.succeeded(email, address);
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const token = await new SignJWT({ role: staff.role, gen: staff.tokenGeneration })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(staff.id)
      .setJti(randomUUID())
      .setIssuer(ISSUER)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + TOKEN_LIFETIME_SECONDS)
      .sign(await this.key());
    return { token, staff };
  }

  /** Ends the caller's own token; the account's other tokens keep working. */
  async logout(principal: Principal): Promise<void> {
    if (principal.kind !== 'STAFF' || !('token' in principal)) throw forbidden();
    const { token } = principal as StaffTokenPrincipal;
    await this.db.query(END_TOKEN, [token.id, token.expiresAt, this.clock.now()]);
  }

  /** A bearer credential to its caller: wizard session token (by prefix), staff JWT (by shape) or API key. */
  async authenticate(credential: string): Promise<Principal | null> {
    if (credential.startsWith(TOKEN_PREFIX.wizardSession)) {
      const [session] = await this.db.query(SESSION_BY_TOKEN, [hashToken(credential)]);
      return session ? { kind: 'WIZARD', sessionId: session.id, orderId: session.order_id } : null;
    }
    if (JWT_SHAPE.test(credential)) return this.staffFromJwt(credential);
    // Anything else may be an API key: ours start with wxk_, but COMMERCE_API_KEY may be any string.
    const [key] = await queryPrepared(this.db, API_KEY_BY_HASH, [hashToken(credential)]);
    return key ? { kind: 'API_KEY', apiKeyId: key.id } : null;
  }

  private async staffFromJwt(token: string): Promise<Principal | null> {
    const claims = await this.claimsOf(token);
    if (!claims) return null;
    const [staff] = await queryPrepared(this.db, STAFF_BY_TOKEN, [claims.sub, claims.gen, claims.jti]);
    if (!staff) return null;
    const principal: StaffTokenPrincipal = {
      kind: 'STAFF',
      staffId: staff.id,
      role: staff.role,
      token: { id: claims.jti, expiresAt: new Date(claims.exp * 1000) },
    };
    return principal;
  }

  /** A staff token's claims while it is in force (as jose judges exp and nbf), or null. */
  private async claimsOf(token: string): Promise<StaffClaims | null> {
    const now = this.clock.now();
    const checked = this.checkedTokens.get(token);
    if (checked) {
      const seconds = Math.floor(now.getTime() / 1000);
      if (checked.exp > seconds && (checked.nbf === undefined || checked.nbf <= seconds)) return checked;
      this.checkedTokens.delete(token);
      return null;
    }
    try {
      const { payload } = await jwtVerify(token, await this.key(), {
        issuer: ISSUER,
        algorithms: ['HS256'],
        currentDate: now,
        requiredClaims: ['exp', 'jti', 'gen'],
      });
      if (!isId(payload.sub) || !isId(payload.jti) || !Number.isSafeInteger(payload.gen)) return null;
      const claims: StaffClaims = { sub: payload.sub, jti: payload.jti, gen: payload.gen as number, exp: payload.exp!, nbf: payload.nbf };
      if (this.checkedTokens.size >= CHECKED_TOKENS) this.checkedTokens.delete(this.checkedTokens.keys().next().value!);
      this.checkedTokens.set(token, claims);
      return claims;
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) return null;
      throw error;
    }
  }

  private decoyHash(): Promise<string> {
    return (this.decoy ??= hash(randomBytes(16).toString('base64url')));
  }

  /** The HS256 key, shared by every server process through the database. */
  private key(): Promise<Uint8Array> {
    return (this.signingKey ??= (async () => {
      await this.db.query(`INSERT INTO app_secret (name, value) VALUES ('jwt', $1) ON CONFLICT (name) DO NOTHING`, [
        randomBytes(32).toString('base64url'),
      ]);
      const [row] = await this.db.query(`SELECT value FROM app_secret WHERE name = 'jwt'`);
      return Buffer.from(row.value, 'base64url');
    })());
  }
}
