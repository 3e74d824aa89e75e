/** A country picker over the supported-country table (a public query), searchable by name or code. */
import { AutocompleteInput, ReferenceInput, type AutocompleteInputProps } from 'react-admin';

export function CountryInput({ source, ...props }: { source: string } & Omit<AutocompleteInputProps, 'source'>) {
  return (
    <ReferenceInput source={source} reference="countries" perPage={300} sort={{ field: 'name', order: 'ASC' }}>
      <AutocompleteInput optionText={(country) => `${country.name} (${country.code})`} filterToQuery={(q) => ({ q })} {...props} />
    </ReferenceInput>
  );
}
