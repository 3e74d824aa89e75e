/** The services every resolver reaches through its context, built once per process around one data source and one clock. */
import type { DataSource } from 'typeorm';
import { CaseService } from './cases/case.service';
import { CountryService } from './countries/country.service';
import { OrderService, SetupMailer } from './orders/order.service';
import { OrgService } from './orgs/org.service';
import type { Clock } from './platform/clock';
import { ProvisioningService } from './provisioning/provisioning.service';
import { StaffService } from './staff/staff.service';

export interface Services {
  cases: CaseService;
  countries: CountryService;
  orders: OrderService;
  orgs: OrgService;
  provisioning: ProvisioningService;
  staff: StaffService;
  clock: Clock;
}

export interface ServiceDeps {
  db: DataSource;
  clock: Clock;
  publicUrl: string;
  mailer: SetupMailer;
}

export function createServices({ db, clock, publicUrl, mailer }: ServiceDeps): Services {
  return {
    cases: new CaseService(db, clock),
    countries: new CountryService(db),
    orders: new OrderService(db, clock, publicUrl, mailer),
    orgs: new OrgService(db, clock),
    provisioning: new ProvisioningService(db, clock),
    staff: new StaffService(db, clock),
    clock,
  };
}
