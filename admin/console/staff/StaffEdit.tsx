/** An administrator renames a staff member, changes their role, or disables the account (it can no longer log in). */
import { BooleanInput, Edit, SelectInput, SimpleForm, TextInput, maxLength, required, type RaRecord } from 'react-admin';
import { choices } from '../common/enums';
import { ServerError } from '../common/ServerError';
import { ShowCard, stackOnPhone } from '../common/ResponsiveList';
import { MAX_NAME_LENGTH } from './name';

export function StaffEdit() {
  return (
    <Edit mutationMode="pessimistic" sx={stackOnPhone} component={ShowCard}>
      <SimpleForm defaultValues={(record?: RaRecord) => ({ disabled: Boolean(record?.disabledAt) })}>
        <ServerError />
        <TextInput source="email" readOnly />
        <TextInput source="name" validate={maxLength(MAX_NAME_LENGTH)} />
        <SelectInput source="role" choices={choices('StaffRole')} validate={required()} />
        <BooleanInput source="disabled" />
      </SimpleForm>
    </Edit>
  );
}
