import type { FieldErrors } from '@turnout/contracts';
import type { z } from 'zod';

/** One message per field, by the field's top-level key. */
export type FormErrors = Partial<Record<string, string>>;

export function formErrorsFromIssues(issues: readonly z.core.$ZodIssue[]): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? 'form');
    errors[key] ??= issue.message;
  }
  return errors;
}

/** The server's `error.details.fields` (keys like `startsAt` or `body`), first message each. */
export function formErrorsFromServer(fields: FieldErrors): FormErrors {
  const errors: FormErrors = {};
  for (const [path, messages] of Object.entries(fields)) {
    const key = path.split('.')[0] ?? path;
    if (messages[0]) errors[key] ??= messages[0];
  }
  return errors;
}

/** The field errors, or the message for the whole form (`form`) when a refusal named no field. */
export function fieldErrorsOr(errors: FormErrors, message: string): FormErrors {
  return Object.keys(errors).length > 0 ? errors : { form: message };
}
