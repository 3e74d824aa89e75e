/** One wizard session: who, for which order, its state and region once chosen, and its step timeline. */
import { Box, CardContent } from '@mui/material';
import { Labeled, Show, TextField, useRecordContext, useTranslate } from 'react-admin';
import { EnumField } from '../common/EnumField';
import { Section } from '../common/Section';
import { SessionOrderLink } from './SessionList';
import { StepTimeline } from './StepTimeline';
import { DateField } from '../common/DateField';
import { ShowCard, stackOnPhone } from '../common/ResponsiveList';

export function SessionShow() {
  return (
    <Show title={<SessionTitle />} sx={stackOnPhone} component={ShowCard}>
      <CardContent>
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 2 }}>
          <Labeled>
            <TextField source="contactEmail" />
          </Labeled>
          <Labeled source="order">
            <SessionOrderLink />
          </Labeled>
          <Labeled>
            <EnumField source="status" enumName="SessionStatus" />
          </Labeled>
          <Labeled>
            <EnumField source="currentStep" enumName="WizardStep" />
          </Labeled>
          <Labeled>
            <EnumField source="furthestStep" enumName="WizardStep" />
          </Labeled>
          <Labeled>
            <DateField source="startedAt" />
          </Labeled>
          <Labeled>
            <DateField source="lastActivityAt" />
          </Labeled>
          <Labeled>
            <DateField source="finishedAt" emptyText="-" />
          </Labeled>
          <Labeled>
            <TextField source="dataResidencyRegion" emptyText="-" />
          </Labeled>
        </Box>
      </CardContent>
      <Section title="console.sessions.timeline">
        <StepTimeline />
      </Section>
    </Show>
  );
}

function SessionTitle() {
  const session = useRecordContext();
  const translate = useTranslate();
  return <>{translate('console.sessions.title', { email: session?.contactEmail ?? '' })}</>;
}
