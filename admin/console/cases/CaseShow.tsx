/**
 * One case, and what fixes it, on one page: what the contact reported (and in which language they will be answered);
 * the order with its Set up now email and the order's actions (resend the email, change the contact, ...); the
 * customer org with its trial and the trial's fixes (extend, set the expiry) and the org's own form (name, country,
 * data location); the partner org. For an open case, the resolution a representative writes when closing it, which
 * is emailed to the reporter. Every fix made here shows at once in the case's own sections.
 */
import { Box, CardContent, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import {
  CanAccess,
  EditBase,
  Labeled,
  RecordContextProvider,
  required,
  ResourceContextProvider,
  Show,
  TextField,
  TextInput,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { ActionForm } from '../common/ActionForm';
import { EnumField } from '../common/EnumField';
import { RecordLink } from '../common/RecordLink';
import { Section } from '../common/Section';
import { CustomerOrgForm } from '../customerOrgs/CustomerOrgForm';
import { TrialPanel } from '../customerOrgs/TrialPanel';
import { OrderActions } from '../orders/OrderActions';
import { OrgLink } from '../orders/OrderList';
import { SetupEmailSent } from '../orders/OrderShow';
import { DateField } from '../common/DateField';
import { ShowCard, stackOnPhone } from '../common/ResponsiveList';

const GRID = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 2 } as const;

export function CaseShow() {
  return (
    <Show title={<CaseTitle />} sx={stackOnPhone} component={ShowCard}>
      <RefreshAfterFixes />
      <CardContent>
        <Box sx={GRID}>
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
          <Labeled>
            <EnumField source="reporterLanguage" enumName="Language" />
          </Labeled>
          <Labeled source="partnerOrg">
            <OrgLink kind="partnerOrg" />
          </Labeled>
        </Box>
        <Labeled source="message" sx={{ mt: 2 }}>
          <TextField source="message" component="p" />
        </Labeled>
      </CardContent>
      <TheOrder />
      <TheCustomerOrg />
      <Resolution />
    </Show>
  );
}

/**
 * The fixes act on the order and the org (their own resources): when one succeeds, the case is read again, so that its
 * sections show the order and the org as they now are.
 */
function RefreshAfterFixes() {
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'success') refresh();
      }),
    [queryClient, refresh],
  );
  return null;
}

function TheOrder() {
  const found = useRecordContext();
  const translate = useTranslate();
  const order = found?.order;
  if (!order) return null;
  return (
    <Section title="console.cases.theOrder">
      <ResourceContextProvider value="orders">
        <RecordContextProvider value={order}>
          <Box sx={GRID} data-testid="case-order">
            <Labeled label="resources.cases.fields.order">
              <RecordLink resource="orders" id={order.id}>
                {order.subscriptionId}
              </RecordLink>
            </Labeled>
            <Labeled resource="orders">
              <EnumField source="status" enumName="OrderStatus" />
            </Labeled>
            <Labeled resource="orders">
              <TextField source="provisioningContactEmail" />
            </Labeled>
            <Labeled label="console.orders.setupEmailQueued">
              <DateField source="setupEmailSentAt" emptyText="-" />
            </Labeled>
            <Labeled label="resources.orders.fields.setupEmailDeliveredAt">
              <SetupEmailSent />
            </Labeled>
            <Labeled resource="orders">
              <DateField source="windowClosesAt" emptyText="-" />
            </Labeled>
          </Box>
          <OrderActions />
        </RecordContextProvider>
      </ResourceContextProvider>
      <Typography variant="body2" color="text.secondary">
        {translate('console.cases.reporterLanguage', { language: translate(`console.enum.Language.${found.reporterLanguage}`) })}
      </Typography>
    </Section>
  );
}

function TheCustomerOrg() {
  const found = useRecordContext();
  const org = found?.customerOrg;
  if (!found) return null;
  if (!org) {
    return (
      <Section title="console.cases.theCustomerOrg">
        <NoCustomerOrg />
      </Section>
    );
  }
  // The org's own resource: its fields' labels, and its trial's and form's actions, are the customer org's.
  return (
    <ResourceContextProvider value="customerOrgs">
      <RecordContextProvider value={org}>
        <Box data-testid="case-customer-org">
          <Section title="console.cases.theCustomerOrg">
            <Box sx={GRID}>
              <Labeled label="resources.cases.fields.customerOrg">
                <RecordLink resource="customerOrgs" id={org.id}>
                  {org.name}
                </RecordLink>
              </Labeled>
              <Labeled resource="customerOrgs">
                <EnumField source="dataResidencyRegion" enumName="Region" />
              </Labeled>
              <Labeled resource="customerOrgs">
                <EnumField source="contactCenterDataLocation" enumName="Region" />
              </Labeled>
            </Box>
          </Section>
          <TrialPanel />
          <CanAccess resource="customerOrgs" action="edit" record={org}>
            <Section title="console.cases.editOrg">
              <EditBase resource="customerOrgs" id={org.id} mutationMode="pessimistic" redirect={false}>
                <CustomerOrgForm inline />
              </EditBase>
            </Section>
          </CanAccess>
        </Box>
      </RecordContextProvider>
    </ResourceContextProvider>
  );
}

function NoCustomerOrg() {
  const translate = useTranslate();
  return <Typography variant="body2">{translate('console.cases.noCustomerOrg')}</Typography>;
}

function CaseTitle() {
  const found = useRecordContext();
  const translate = useTranslate();
  return <>{translate('console.cases.title', { kind: found ? translate(`console.enum.CaseKind.${found.kind}`) : '' })}</>;
}

function Resolution() {
  const found = useRecordContext();
  const translate = useTranslate();
  if (!found) return null;
  if (found.status === 'RESOLVED') {
    return (
      <Section title="console.cases.resolution">
        <Typography component="p" data-testid="resolution">
          {found.resolution}
        </Typography>
        <DateField source="resolvedAt" />
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {translate('console.cases.emailed')}
        </Typography>
      </Section>
    );
  }
  return (
    <CanAccess resource="cases" action="resolve" record={found}>
      <Section title="console.cases.resolve">
        <ActionForm resource="cases" action="resolve" label="console.cases.resolveSubmit">
          <TextInput
            source="resolution"
            resource="cases"
            multiline
            minRows={3}
            validate={required()}
            sx={{ minWidth: { xs: '100%', sm: 480 } }}
          />
        </ActionForm>
      </Section>
    </CanAccess>
  );
}
