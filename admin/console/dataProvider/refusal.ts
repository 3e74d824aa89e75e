/**
 * A mutation the server refused (its payload's userErrors), as react-admin's forms want it: an error whose
 * `errors` maps form sources to messages, with what belongs to no input under `root.serverError`. ra-data-graphql
 * wraps every failure in an HttpError whose body is the original error, so `body.errors` reaches the form
 * (react-admin's server-side validation, pessimistic saves only) and `message` reaches notifications.
 */
export interface UserError {
  field: string[] | null;
  message: string;
  code: string;
}

export type FormErrors = Record<string, string | { serverError: string }>;

export class Refusal extends Error {
  readonly errors: FormErrors;

  constructor(
    readonly userErrors: UserError[],
    formFields: Record<string, string>,
  ) {
    super(userErrors.map((error) => error.message).join(' '));
    this.name = 'Refusal';
    this.errors = formErrors(userErrors, formFields);
  }
}

/** `["input", "name"]` goes to the form's `name` input when the form has one; the rest goes above the form. */
export function formErrors(userErrors: UserError[], formFields: Record<string, string>): FormErrors {
  const errors: FormErrors = {};
  const general: string[] = [];
  for (const error of userErrors) {
    const inputField = error.field?.[0] === 'input' ? error.field[1] : undefined;
    const source = inputField !== undefined ? formFields[inputField] : undefined;
    if (source && !errors[source]) errors[source] = error.message;
    else general.push(error.message);
  }
  if (general.length) errors.root = { serverError: general.join(' ') };
  return errors;
}

/** The form errors in a failure from the data provider, when the server refused with userErrors. */
export function refusalErrors(failure: unknown): FormErrors | undefined {
  const body = (failure as { body?: unknown } | null)?.body;
  return body instanceof Refusal ? body.errors : undefined;
}
