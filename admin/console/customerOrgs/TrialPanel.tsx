/**
 * A customer org's trial: its state, admin and expiry, and for representatives the fixes: extend by 30 days
 * or a chosen number (at most 90), or set the expiry. A converted trial, or an org without one, offers none.
 */
import { Box, Typography } from '@mui/material';
import { Labeled, maxValue, minValue, NumberInput, required, TextField, useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import { ActionButton } from '../common/ActionButton';
import { ActionForm } from '../common/ActionForm';
import { EnumField } from '../common/EnumField';
import { Section } from '../common/Section';
import { DateField, DateInput } from '../common/DateField';

export function TrialPanel() {
  const org = useRecordContext();
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'customerOrgs', action: 'extendTrial', record: org });
  if (!org) return null;
  const fixable = org.trialStatus === 'ACTIVE' || org.trialStatus === 'EXPIRED';
  return (
    <Section title="console.customerOrgs.trial.title">
      <Box data-testid="trial-panel" sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
        <Labeled source="trialStatus">
          <EnumField source="trialStatus" enumName="TrialStatus" />
        </Labeled>
        <Labeled source="trialAdminEmail">
          <TextField source="trialAdminEmail" emptyText="-" />
        </Labeled>
        <Labeled source="trialStartedAt">
          <DateField source="trialStartedAt" emptyText="-" />
        </Labeled>
        <Labeled source="trialExpiresAt">
          <DateField source="trialExpiresAt" emptyText="-" />
        </Labeled>
      </Box>
      {canAccess && !fixable && (
        <Typography variant="body2" sx={{ mt: 2 }}>
          {translate(org.trialStatus === 'CONVERTED' ? 'console.refusal.TRIAL_CONVERTED' : 'console.refusal.NOT_A_TRIAL')}
        </Typography>
      )}
      {canAccess && fixable && (
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, mt: 2 }}>
          <Box>
            <ActionButton resource="customerOrgs" action="extendTrial" label="console.customerOrgs.trial.extend30" data={{ days: 30 }} />
          </Box>
          <ActionForm resource="customerOrgs" action="extendTrial" label="console.customerOrgs.trial.extend" defaultValues={{ days: 30 }}>
            <NumberInput source="days" label="console.customerOrgs.trial.days" validate={[required(), minValue(1), maxValue(90)]} />
          </ActionForm>
          <ActionForm
            resource="customerOrgs"
            action="setTrialExpiry"
            label="console.customerOrgs.trial.setExpiry"
            defaultValues={{ trialExpiresAt: org.trialExpiresAt }}
          >
            <DateInput withTime source="trialExpiresAt" label="console.customerOrgs.trial.newExpiry" validate={required()} />
          </ActionForm>
        </Box>
      )}
    </Section>
  );
}
