/**
 * A country picker over the supported-country table (a public query, read whole: under 300 rows), each country
 * named in the console's language and sorted as that language sorts, searchable by that name, the English name
 * or the code as typed.
 */
import { useMemo } from 'react';
import { AutocompleteInput, useGetList, type AutocompleteInputProps } from 'react-admin';
import { useFormat } from '../common/useFormat';

export function CountryInput({ source, ...props }: { source: string } & Omit<AutocompleteInputProps, 'source'>) {
  const format = useFormat();
  const { data, isPending } = useGetList('countries', { pagination: { page: 1, perPage: 300 }, sort: { field: 'code', order: 'ASC' } });
  const choices = useMemo(
    () =>
      (data ?? [])
        .map((country) => ({ id: country.code, name: `${format.country(country.code)} (${country.code})`, english: country.name }))
        .sort((a, b) => format.compare(a.name, b.name)),
    [data, format],
  );
  return (
    <AutocompleteInput
      source={source}
      choices={choices}
      isPending={isPending}
      optionText="name"
      translateChoice={false}
      matchSuggestion={(typed, choice) => {
        const wanted = typed.toLocaleLowerCase(format.locale);
        return `${choice.name} ${choice.english}`.toLocaleLowerCase(format.locale).includes(wanted);
      }}
      {...props}
    />
  );
}
