/** Administrators correct a country: its name, its region, whether Webex Contact Center is sold there. */
import { BooleanInput, Edit, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { choices } from '../common/enums';
import { ServerError } from '../common/ServerError';

export function CountryEdit() {
  return (
    <Edit mutationMode="pessimistic">
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
