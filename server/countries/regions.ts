/** Data residency regions are the contact center data-center codes of DOMAIN.md. */
export type Region = 'us1' | 'ca1' | 'eu1' | 'eu2' | 'anz1' | 'jp1' | 'sg1' | 'in1';

export const REGIONS: readonly Region[] = ['us1', 'ca1', 'eu1', 'eu2', 'anz1', 'jp1', 'sg1', 'in1'];

export function isRegion(value: string): value is Region {
  return (REGIONS as readonly string[]).includes(value);
}
