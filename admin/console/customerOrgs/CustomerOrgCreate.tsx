/** A representative starts a trial: a new customer org with its admin, for at most 90 days. */
import {
  AutocompleteInput,
  Create,
  email,
  maxValue,
  minValue,
  NumberInput,
  ReferenceInput,
  required,
  SimpleForm,
  TextInput,
} from 'react-admin';
import { ServerError } from '../common/ServerError';
import { CountryInput } from '../countries/CountryInput';
import { RegionHint } from './RegionHint';

export function CustomerOrgCreate() {
  return (
    <Create redirect="edit">
      <SimpleForm defaultValues={{ days: 30 }}>
        <ServerError />
        <TextInput source="name" validate={required()} />
        <CountryInput source="countryCode" validate={required()} />
        <RegionHint />
        <TextInput source="adminEmail" type="email" validate={[required(), email()]} />
        <NumberInput source="days" label="console.customerOrgs.trial.days" validate={[required(), minValue(1), maxValue(90)]} />
        <ReferenceInput source="partnerOrgId" reference="partnerOrgs">
          <AutocompleteInput optionText="name" filterToQuery={(q) => ({ q })} />
        </ReferenceInput>
      </SimpleForm>
    </Create>
  );
}
