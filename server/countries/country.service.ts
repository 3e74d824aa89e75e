import { DataSource, EntityManager } from 'typeorm';
import { SupportedCountry } from './supported-country.entity';

export class CountryService {
  constructor(private readonly db: DataSource) {}

  list(): Promise<SupportedCountry[]> {
    return this.db.getRepository(SupportedCountry).find({ order: { name: 'ASC' } });
  }
}

export async function countryByCode(manager: EntityManager, code: string | null | undefined): Promise<SupportedCountry | null> {
  const normalized = code?.trim().toUpperCase();
  if (!normalized || !/^[A-Z]{2}$/.test(normalized)) return null;
  return manager.findOne(SupportedCountry, { where: { code: normalized } });
}
