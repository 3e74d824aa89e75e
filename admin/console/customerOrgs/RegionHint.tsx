/** The data residency region that the country chosen in the form implies: the region follows the country. */
import { FormHelperText } from '@mui/material';
import { useGetOne, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';

export function RegionHint({ source = 'countryCode' }: { source?: string }) {
  const code = useWatch({ name: source }) as string | undefined;
  const translate = useTranslate();
  const { data: country } = useGetOne('countries', { id: code ?? '' }, { enabled: Boolean(code) });
  if (!country) return null;
  return (
    <FormHelperText data-testid="region-hint" sx={{ mt: -1, mb: 2 }}>
      {translate('console.customerOrgs.regionFollows', { region: translate(`console.enum.Region.${country.region}`) })}
    </FormHelperText>
  );
}
