import { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit';
import type { Clock } from '../platform/clock';
import type { Actor } from '../platform/context';
import { problem, Refusal, refuseIfAny } from '../platform/errors';
import { checkText, problems } from '../platform/validate';
import { isRegion, Region, REGIONS } from './regions';
import { SupportedCountry } from './supported-country.entity';

export class CountryService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** ADMIN edits the table: the name, the region and whether Webex Contact Center is sold there. Orgs keep the region they have. */
  async update(
    input: { code: string; version: number; name?: string | null; region?: string | null; contactCenterSold?: boolean | null },
    actor: Actor,
  ): Promise<SupportedCountry> {
    refuseIfAny(
      problems(
        input.name !== undefined && input.name !== null ? checkText('name', input.name, 100) : undefined,
        input.region && !isRegion(input.region) ? problem('INVALID_REGION', 'region', { regions: REGIONS.join(', ') }) : undefined,
      ),
    );
    const now = this.clock.now();
    return this.db.transaction(async (m) => {
      const code = input.code?.trim().toUpperCase();
      const country = /^[A-Z]{2}$/.test(code ?? '')
        ? await m.findOne(SupportedCountry, { where: { code }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!country) throw Refusal.of('NOT_FOUND', 'code');
      if (country.version !== input.version) throw Refusal.of('STALE_VERSION', 'version');
      const before = { ...country };
      if (input.name) country.name = input.name.trim();
      if (input.region && isRegion(input.region)) country.region = input.region;
      if (input.contactCenterSold !== undefined && input.contactCenterSold !== null) country.contactCenterSold = input.contactCenterSold;
      country.version += 1;
      await m.save(country);
      await recordAudit(m, actor, now, {
        action: 'supportedCountry.update',
        entityType: 'SupportedCountry',
        entityId: country.code,
        before,
        after: country,
      });
      return country;
    });
  }

  list(): Promise<SupportedCountry[]> {
    return this.db.getRepository(SupportedCountry).find({ order: { name: 'ASC' } });
  }
}

const COUNTRIES = 'SELECT code, name, region, contact_center_sold, version FROM supported_country WHERE code = ANY ($1::bpchar[])';

/** A code as the table holds it (two letters, upper case), or null for one that cannot be a country's. */
function normalizedCode(code: string | null | undefined): string | null {
  const normalized = code?.trim().toUpperCase();
  return normalized && /^[A-Z]{2}$/.test(normalized) ? normalized : null;
}

/** The country of a code as given (trimmed, any case); null when no supported country has it. */
export async function countryByCode(manager: EntityManager, code: string | null | undefined): Promise<SupportedCountry | null> {
  return (await countriesByCode(manager, [code])).get(code ?? '') ?? null;
}

/** The countries of several codes in one statement, by each code as given; a code no country has is missing from the map. */
export async function countriesByCode(
  manager: EntityManager,
  codes: readonly (string | null | undefined)[],
): Promise<Map<string, SupportedCountry>> {
  const wanted = new Map(codes.flatMap((code) => (normalizedCode(code) ? [[code!, normalizedCode(code)!] as const] : [])));
  if (wanted.size === 0) return new Map();
  const rows: { code: string; name: string; region: Region; contact_center_sold: boolean; version: number }[] = await manager.query(
    COUNTRIES,
    [[...new Set(wanted.values())]],
  );
  const byCode = new Map(
    rows.map((row) => [
      row.code,
      Object.assign(new SupportedCountry(), {
        code: row.code,
        name: row.name,
        region: row.region,
        contactCenterSold: row.contact_center_sold,
        version: row.version,
      }),
    ]),
  );
  return new Map([...wanted].flatMap(([given, code]) => (byCode.has(code) ? [[given, byCode.get(code)!] as const] : [])));
}
