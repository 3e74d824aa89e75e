/** An administrator changes where an endpoint points, what it receives, or what it is for. */
import { CheckboxGroupInput, Edit, required, SimpleForm, TextInput } from 'react-admin';
import { ServerError } from '../common/ServerError';
import { EVENT_TYPE_CHOICES } from './eventTypes';
import { ShowCard, stackOnPhone } from '../common/ResponsiveList';

export function WebhookEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show" sx={stackOnPhone} component={ShowCard}>
      <SimpleForm>
        <ServerError />
        <TextInput source="url" validate={required()} helperText="console.webhooks.urlHelp" fullWidth />
        <CheckboxGroupInput source="events" choices={EVENT_TYPE_CHOICES} validate={required()} row={false} />
        <TextInput source="description" fullWidth multiline />
      </SimpleForm>
    </Edit>
  );
}
