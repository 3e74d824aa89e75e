/**
 * The customer org form: name, country (the region follows and is shown), contact center data location. The form shows
 * what saving stores: when the country changes, the server says where the org's data would then be (the region, and
 * the data location, which follows the region unless it was chosen on purpose), and the data location field takes
 * that answer; the representative may still choose another. Before a save that moves the data of an org with mapped
 * orders, a question names the old and the new places. Used by the org's edit page and, inline, by a case's page.
 */
import { useEffect, useRef, useState } from 'react';
import {
  Confirm,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  useGetList,
  useGetOne,
  useRecordContext,
  useSaveContext,
  useTranslate,
} from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { FormHelperText } from '@mui/material';
import { choices } from '../common/enums';
import { ServerError } from '../common/ServerError';
import { CountryInput } from '../countries/CountryInput';
import { RegionHint } from './RegionHint';

interface Question {
  from: { region: string; location: string };
  to: { region: string; location: string };
  answer: (yes: boolean) => void;
}

/** `inline`: inside another record's page (a case's), with its save button in place rather than pinned to a phone's screen. */
export function CustomerOrgForm({ inline = false }: { inline?: boolean }) {
  const org = useRecordContext();
  const { save } = useSaveContext();
  const translate = useTranslate();
  const { total: mappedOrders } = useGetList(
    'orders',
    { filter: { customerOrgId: org?.id, status: 'MAPPED' }, pagination: { page: 1, perPage: 1 } },
    { enabled: Boolean(org?.id) },
  );
  const [question, setQuestion] = useState<Question | null>(null);
  if (!org) return null;

  const submit = async (values: Record<string, any>) => {
    const to = { region: values.dataResidencyRegion ?? org.dataResidencyRegion, location: values.contactCenterDataLocation };
    const from = { region: org.dataResidencyRegion, location: org.contactCenterDataLocation };
    if ((mappedOrders ?? 0) > 0 && (to.region !== from.region || to.location !== from.location)) {
      const yes = await new Promise<boolean>((answer) => setQuestion({ from, to, answer }));
      setQuestion(null);
      if (!yes) return undefined;
    }
    return save?.(values);
  };
  const region = (code: string) => translate(`console.enum.Region.${code}`);

  return (
    <>
      <SimpleForm
        onSubmit={submit}
        toolbar={
          inline ? (
            <Toolbar sx={{ '&&': { position: 'static' } }}>
              <SaveButton />
            </Toolbar>
          ) : undefined
        }
      >
        <ServerError />
        <TextInput source="name" validate={required()} />
        <TextInput source="adminEmail" readOnly />
        <CountryInput source="countryCode" validate={required()} />
        <RegionHint />
        <LocationFollowsCountry />
        <SelectInput source="contactCenterDataLocation" choices={choices('Region')} validate={required()} />
      </SimpleForm>
      <Confirm
        isOpen={question !== null}
        title="console.customerOrgs.move.title"
        content="console.customerOrgs.move.content"
        translateOptions={
          question
            ? {
                oldRegion: region(question.from.region),
                newRegion: region(question.to.region),
                oldLocation: region(question.from.location),
                newLocation: region(question.to.location),
              }
            : {}
        }
        confirm="console.customerOrgs.move.confirm"
        cancel="console.customerOrgs.move.cancel"
        onConfirm={() => question?.answer(true)}
        onClose={() => question?.answer(false)}
      />
    </>
  );
}

/**
 * When the country changes, the server's answer of where the data would be: the data location field takes it (the
 * region is kept in the form's values for the question before saving). Back to the org's own country, its own values.
 */
function LocationFollowsCountry() {
  const org = useRecordContext();
  const translate = useTranslate();
  const code = useWatch({ name: 'countryCode' }) as string | undefined;
  const { setValue } = useFormContext();
  const moved = Boolean(org && code && code !== org.countryCode);
  const { data } = useGetOne('customerOrgLocations', { id: `${org?.id}:${code}` }, { enabled: moved });
  const applied = useRef<string | null>(null);
  useEffect(() => {
    if (!org) return;
    const key = moved ? (data?.contactCenterDataLocation ? `${code}:${data.contactCenterDataLocation}` : null) : `own:${code}`;
    if (!key || applied.current === key) return;
    applied.current = key;
    const place = moved ? data! : org;
    setValue('dataResidencyRegion', place.dataResidencyRegion);
    setValue('contactCenterDataLocation', place.contactCenterDataLocation, { shouldDirty: moved });
  }, [org, code, moved, data, setValue]);
  const location = useWatch({ name: 'contactCenterDataLocation' }) as string | undefined;
  if (!moved || !location) return null;
  return (
    <FormHelperText data-testid="location-follows" sx={{ mt: -1, mb: 2 }}>
      {translate('console.customerOrgs.locationFollows', { location: translate(`console.enum.Region.${location}`) })}
    </FormHelperText>
  );
}
