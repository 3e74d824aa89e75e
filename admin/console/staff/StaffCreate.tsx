/** An administrator adds a staff account, with an optional name; left without a password, the server generates one, shown here once. */
import { useState } from 'react';
import {
  Create,
  email,
  maxLength,
  PasswordInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useRedirect,
  type RaRecord,
} from 'react-admin';
import { choices } from '../common/enums';
import { ServerError } from '../common/ServerError';
import { ShownOnce } from '../common/ShownOnce';
import { MAX_NAME_LENGTH } from './name';

export function StaffCreate() {
  const [password, setPassword] = useState<string | null>(null);
  const redirect = useRedirect();
  return (
    <>
      <Create
        redirect={false}
        mutationOptions={{
          onSuccess: (created: RaRecord) => {
            if (created.password) setPassword(created.password);
            else redirect('list', 'staff');
          },
        }}
      >
        <SimpleForm defaultValues={{ role: 'REP' }}>
          <ServerError />
          <TextInput source="email" type="email" validate={[required(), email()]} />
          <TextInput source="name" validate={maxLength(MAX_NAME_LENGTH)} />
          <SelectInput source="role" choices={choices('StaffRole')} validate={required()} />
          <PasswordInput source="password" helperText="console.staff.passwordHelp" />
        </SimpleForm>
      </Create>
      <ShownOnce
        title="console.staff.passwordTitle"
        explanation="console.staff.passwordExplanation"
        secret={password}
        onClose={() => {
          setPassword(null);
          redirect('list', 'staff');
        }}
      />
    </>
  );
}
