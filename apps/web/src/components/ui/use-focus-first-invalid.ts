import { type RefObject, useEffect } from 'react';

/** After a refused submit, moves focus to the first field marked invalid (WCAG 3.3.1). */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, errors: object): void {
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, errors]);
}
