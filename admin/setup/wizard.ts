/** What a step sees of the wizard: the session as the server last returned it, and the actions that move it on. */
import { createContext, useContext } from 'react';
import type { CaseKind, SetupApi, Session, SetupLinkInfo, StepPayload, SupportedCountry, UserError, WizardStep } from './api';

export interface Wizard {
  api: SetupApi;
  session: Session;
  link: SetupLinkInfo;
  /** The supported countries, once loaded. */
  countries: SupportedCountry[] | null;
  /** Loads the supported countries again (one may have stopped being sold since the page opened). */
  reloadCountries(): void;
  busy: boolean;
  /** Sends one step's answer; on success shows the next step; returns the refusals to show beside the fields. */
  answer(step: WizardStep, call: () => Promise<StepPayload>): Promise<UserError[]>;
  /** Maps the order; on success shows the result; returns the refusals. */
  confirm(): Promise<UserError[]>;
  /** Shows an answered step again (the browser's history gets an entry). */
  goTo(step: WizardStep): void;
  /** Shows the page for a refusal that no form can fix (the session or its link stopped working); true when it did. */
  handled(errors: UserError[]): Promise<boolean>;
  /** A problem was reported: shows the confirmation that a representative will be in touch. */
  reported(kind: CaseKind): void;
}

export const WizardContext = createContext<Wizard | null>(null);

export function useWizard(): Wizard {
  const wizard = useContext(WizardContext);
  if (!wizard) throw new Error('useWizard outside a wizard step');
  return wizard;
}

/** A refusal's field name: ['input', 'adminEmail'] → 'adminEmail'; null when it concerns no one field. */
export function fieldOf(error: UserError): string | null {
  const path = error.field ?? [];
  return path.length >= 2 && path[0] === 'input' ? path[path.length - 1] : null;
}

/** The refusals for the fields a form shows, by field, and the rest, for the top of the form. */
export function sortErrors(errors: UserError[], fields: readonly string[]) {
  const byField: Record<string, string> = {};
  const general: UserError[] = [];
  for (const error of errors) {
    const field = fieldOf(error);
    if (field && fields.includes(field) && !(field in byField)) byField[field] = error.message;
    else general.push(error);
  }
  return { byField, general };
}
