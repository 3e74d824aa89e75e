/** An administrator creates a commerce integration key; the key is shown here once, only its hash is kept. */
import { useState } from 'react';
import { Create, required, SimpleForm, TextInput, useRedirect, type RaRecord } from 'react-admin';
import { ServerError } from '../common/ServerError';
import { ShownOnce } from '../common/ShownOnce';

export function ApiKeyCreate() {
  const [key, setKey] = useState<string | null>(null);
  const redirect = useRedirect();
  return (
    <>
      <Create redirect={false} mutationOptions={{ onSuccess: (created: RaRecord) => setKey(created.key ?? null) }}>
        <SimpleForm>
          <ServerError />
          <TextInput source="name" validate={required()} helperText="console.apiKeys.nameHelp" />
        </SimpleForm>
      </Create>
      <ShownOnce
        title="console.apiKeys.keyTitle"
        explanation="console.apiKeys.keyExplanation"
        secret={key}
        onClose={() => {
          setKey(null);
          redirect('list', 'apiKeys');
        }}
      />
    </>
  );
}
