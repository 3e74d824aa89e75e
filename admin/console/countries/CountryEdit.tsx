/** Administrators correct a country: its name, its region, whether Webex Contact Center is sold there. */
import { BooleanInput, Edit, required, SelectInput, SimpleForm, TextInput, useRecordContext, useTranslate } from 'react-admin';
import { useFormat } from '../common/useFormat';
import { choices } from '../common/enums';
import { ServerError } from '../common/ServerError';
import { ShowCard, stackOnPhone } from '../common/ResponsiveList';

/** The page's title: the country's name in the console's language. */
function CountryTitle() {
  const country = useRecordContext();
  const translate = useTranslate();
  const format = useFormat();
  return <>{`${translate('resources.countries.name', { smart_count: 1 })}: ${format.country(country?.code)}`}</>;
}

export function CountryEdit() {
  return (
    <Edit mutationMode="pessimistic" title={<CountryTitle />} sx={stackOnPhone} component={ShowCard}>
      <SimpleForm>
        <ServerError />
        <TextInput source="code" readOnly />
        <TextInput source="name" validate={required()} helperText="console.countries.nameHelper" />
        <SelectInput source="region" choices={choices('Region')} validate={required()} />
        <BooleanInput source="contactCenterSold" />
      </SimpleForm>
    </Edit>
  );
}
