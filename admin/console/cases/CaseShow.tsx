/**
 * One case: what the contact reported, links to the order and the org to fix, and for an open case the
 * resolution a representative writes when closing it.
 */
import { Box, CardContent, Typography } from '@mui/material';
import { CanAccess, Labeled, required, Show, TextField, TextInput, useRecordContext, useTranslate } from 'react-admin';
import { ActionForm } from '../common/ActionForm';
import { EnumField } from '../common/EnumField';
import { Section } from '../common/Section';
import { OrgLink } from '../orders/OrderList';
import { CaseOrderLink } from './CaseList';
import { DateField } from '../common/DateField';

export function CaseShow() {
  return (
    <Show title={<CaseTitle />}>
      <CardContent>
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 2 }}>
          <Labeled>
            <EnumField source="kind" enumName="CaseKind" />
          </Labeled>
          <Labeled>
            <EnumField source="status" enumName="CaseStatus" />
          </Labeled>
          <Labeled>
            <DateField source="createdAt" />
          </Labeled>
          <Labeled>
            <TextField source="reporterEmail" />
          </Labeled>
          <Labeled source="order">
            <CaseOrderLink />
          </Labeled>
          <Labeled source="customerOrg">
            <OrgLink kind="customerOrg" />
          </Labeled>
          <Labeled source="partnerOrg">
            <OrgLink kind="partnerOrg" />
          </Labeled>
        </Box>
        <Labeled source="message" sx={{ mt: 2 }}>
          <TextField source="message" component="p" />
        </Labeled>
      </CardContent>
      <Resolution />
    </Show>
  );
}

function CaseTitle() {
  const found = useRecordContext();
  const translate = useTranslate();
  return <>{translate('console.cases.title', { kind: found ? translate(`console.enum.CaseKind.${found.kind}`) : '' })}</>;
}

function Resolution() {
  const found = useRecordContext();
  if (!found) return null;
  if (found.status === 'RESOLVED') {
    return (
      <Section title="console.cases.resolution">
        <Typography component="p" data-testid="resolution">
          {found.resolution}
        </Typography>
        <DateField source="resolvedAt" />
      </Section>
    );
  }
  return (
    <CanAccess resource="cases" action="resolve" record={found}>
      <Section title="console.cases.resolve">
        <ActionForm resource="cases" action="resolve" label="console.cases.resolveSubmit">
          <TextInput source="resolution" resource="cases" multiline minRows={3} validate={required()} sx={{ minWidth: 480 }} />
        </ActionForm>
      </Section>
    </CanAccess>
  );
}
