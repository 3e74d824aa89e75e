/**
 * A session's step timeline: the eight wizard steps with how far the session got, then everything that
 * happened in it (started, each step answered, how it ended) in order.
 */
import { Step, StepLabel, Stepper } from '@mui/material';
import { ArrayField, DataTable, useRecordContext, useTranslate } from 'react-admin';
import { Empty } from '../common/Empty';
import { EnumField } from '../common/EnumField';
import { ENUMS } from '../common/enums';
import { DateField } from '../common/DateField';

export function StepTimeline() {
  const session = useRecordContext();
  const translate = useTranslate();
  if (!session) return null;
  const furthest = ENUMS.WizardStep.indexOf(session.furthestStep);
  const answered = new Set(
    (session.events ?? []).filter((event: { kind: string }) => event.kind === 'STEP_ANSWERED').map((event: { step: string }) => event.step),
  );
  return (
    <>
      <Stepper activeStep={furthest} alternativeLabel sx={{ my: 2 }} aria-label={translate('console.sessions.steps')}>
        {ENUMS.WizardStep.map((step, index) => (
          <Step key={step} completed={answered.has(step) || index < furthest}>
            <StepLabel>{translate(`console.enum.WizardStep.${step}`)}</StepLabel>
          </Step>
        ))}
      </Stepper>
      <ArrayField source="events">
        <DataTable bulkActionButtons={false} rowClick={false} data-testid="session-events" empty={<Empty message="console.empty.events" />}>
          <DataTable.Col source="occurredAt" label="console.sessions.event.occurredAt" disableSort>
            <DateField source="occurredAt" />
          </DataTable.Col>
          <DataTable.Col source="kind" label="console.sessions.event.kind" disableSort>
            <EnumField source="kind" enumName="SessionEventKind" />
          </DataTable.Col>
          <DataTable.Col source="step" label="console.sessions.event.step" disableSort>
            <EnumField source="step" enumName="WizardStep" emptyText="-" />
          </DataTable.Col>
        </DataTable>
      </ArrayField>
    </>
  );
}
