import { screen, within } from '@testing-library/react';
import type { EventCreate } from '@turnout/contracts';
import { describe, expect, it, vi } from 'vitest';
import { buildEventView } from '../../../test/builders';
import { mockApi } from '../../../test/fetch-mock';
import { renderPage } from '../../../test/render';
import { EventForm } from './event-form';
import { type EventFormValues, emptyEventValues, valuesFromEvent } from './event-form-values';

/** The form with its required fields filled, so a submit only depends on the reminders. */
function renderForm(values: Partial<EventFormValues> = {}) {
  mockApi();
  const onSubmit = vi.fn(async (_data: EventCreate) => undefined);
  const initialValues = { ...emptyEventValues(), title: 'Quiz', location: 'Room 1', startsAt: '2030-06-01T19:00', ...values };
  const view = renderPage(<EventForm initialValues={initialValues} submitLabel="Create event" onSubmit={onSubmit} />, { path: '/' });
  const group = screen.getByRole('group', { name: 'Reminders' });
  const sent = () => onSubmit.mock.calls.at(-1)?.[0].reminders;
  const submit = () => view.user.click(screen.getByRole('button', { name: 'Create event' }));
  return { ...view, group, onSubmit, sent, submit };
}

const amount = (n: number) => screen.getByLabelText(`Reminder ${n}`);
const unit = (n: number) => screen.getByLabelText(`Reminder ${n} unit`);
const pick = (name: string) => screen.getByRole('button', { name });

describe('the reminders control', () => {
  it('opens on a new event with 1 day and 1 hour, and sends them as minutes', async () => {
    const { submit, sent } = renderForm();
    expect(amount(1)).toHaveValue(1);
    expect(unit(1)).toHaveValue('days');
    expect(amount(2)).toHaveValue(1);
    expect(unit(2)).toHaveValue('hours');
    expect(pick('1 day')).toHaveAttribute('aria-pressed', 'true');
    expect(pick('1 week')).toHaveAttribute('aria-pressed', 'false');
    await submit();
    expect(sent()).toEqual([1440, 60]);
  });

  it('opens an event’s reminders in their largest even unit', () => {
    renderForm(valuesFromEvent(buildEventView({ reminders: [10_080, 90] })));
    expect([amount(1), unit(1), amount(2), unit(2)].map((el) => (el as HTMLInputElement).value)).toEqual(['1', 'weeks', '90', 'minutes']);
  });

  it('adds a custom reminder with focus in it, stops at three, and removes one with focus on "Add reminder"', async () => {
    const { user, group, submit, sent } = renderForm();
    const add = within(group).getByRole('button', { name: 'Add reminder' });
    await user.click(add);
    expect(amount(3)).toHaveFocus();
    await user.type(amount(3), '3');
    await user.selectOptions(unit(3), 'days');

    expect(add).toBeDisabled();
    expect(within(group).getByText('That is the most: 3 reminders.')).toBeInTheDocument();
    // Quick picks not already chosen cannot add a fourth; the chosen ones can still be turned off.
    expect(pick('1 week')).toBeDisabled();
    expect(pick('1 hour')).toBeEnabled();

    await user.click(screen.getByRole('button', { name: 'Remove reminder 1' }));
    expect(add).toHaveFocus();
    expect(screen.queryByLabelText('Reminder 3')).toBeNull();

    await user.click(pick('15 minutes'));
    await submit();
    expect(sent()).toEqual([4320, 60, 15]);
  });

  it('toggles a quick pick off, and sends no reminders when none is left', async () => {
    const { user, submit, sent } = renderForm();
    await user.click(pick('1 day'));
    await user.click(pick('1 hour'));
    expect(screen.getByText('No reminders: attendees get no notice before the start.')).toBeInTheDocument();
    await submit();
    expect(sent()).toEqual([]);
  });

  it('refuses a reminder more than two weeks ahead, an empty one and a repeat, with the shared schema’s words', async () => {
    const { user, group, submit, onSubmit } = renderForm();
    await user.clear(amount(1));
    await user.type(amount(1), '3');
    await user.selectOptions(unit(1), 'weeks');
    await user.click(within(group).getByRole('button', { name: 'Add reminder' }));
    await submit();

    expect(amount(1)).toBeInvalid();
    expect(amount(1)).toHaveAccessibleDescription('A reminder must be at most 20160 minutes (two weeks) before the start');
    expect(amount(1)).toHaveFocus();
    expect(amount(3)).toHaveAccessibleDescription('Enter how long before the start');
    expect(amount(2)).toBeValid();

    await user.clear(amount(1));
    await user.type(amount(1), '2');
    await user.type(amount(3), '60');
    await user.selectOptions(unit(3), 'minutes');
    await submit();
    expect(amount(3)).toHaveAccessibleDescription('This is the same as another reminder');
    expect(onSubmit).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Remove reminder 3' }));
    await submit();
    expect(onSubmit.mock.calls[0]?.[0].reminders).toEqual([20_160, 60]);
  });
});
