/** Data residency regions are the contact center data-center codes of DOMAIN.md. */
export type Region = 'us1' | 'ca1' | 'eu1' | 'eu2' | 'anz1' | 'jp1' | 'sg1' | 'in1';

export const REGIONS: readonly Region[] = ['us1', 'ca1', 'eu1', 'eu2', 'anz1', 'jp1', 'sg1', 'in1'];

export const REGION_NAMES: Record<Region, string> = {
  us1: 'North America',
  ca1: 'Canada',
  eu1: 'United Kingdom',
  eu2: 'European Union and EMEA',
  anz1: 'Australia and New Zealand',
  jp1: 'Japan',
  sg1: 'Singapore and Asia-Pacific',
  in1: 'India',
};

export function isRegion(value: string): value is Region {
  return (REGIONS as readonly string[]).includes(value);
}
