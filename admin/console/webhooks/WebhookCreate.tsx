/** An administrator registers a webhook endpoint; its signing secret is shown here once and never again. */
import { useState } from 'react';
import { CheckboxGroupInput, Create, required, SimpleForm, TextInput, useRedirect, type RaRecord } from 'react-admin';
import { ServerError } from '../common/ServerError';
import { ShownOnce } from '../common/ShownOnce';
import { EVENT_TYPE_CHOICES } from './eventTypes';

export function WebhookCreate() {
  const [created, setCreated] = useState<RaRecord | null>(null);
  const redirect = useRedirect();
  return (
    <>
      <Create redirect={false} mutationOptions={{ onSuccess: (record: RaRecord) => setCreated(record) }}>
        <SimpleForm>
          <ServerError />
          <TextInput source="url" validate={required()} helperText="console.webhooks.urlHelp" fullWidth />
          <CheckboxGroupInput source="events" choices={EVENT_TYPE_CHOICES} validate={required()} row={false} />
          <TextInput source="description" helperText="console.webhooks.descriptionHelp" fullWidth multiline />
        </SimpleForm>
      </Create>
      <ShownOnce
        title="console.webhooks.secretTitle"
        explanation="console.webhooks.secretExplanation"
        secret={created?.secret ?? null}
        onClose={() => {
          const id = created?.id;
          setCreated(null);
          redirect('show', 'webhooks', id);
        }}
      />
    </>
  );
}
