import { screen, within } from '@testing-library/react';
import type { EventCreate } from '@turnout/contracts';
import { describe, expect, it, vi } from 'vitest';
import { LINK_REL } from '../../../lib/markdown';
import { buildEventView, ORGANIZER_ID } from '../../../test/builders';
import { mockApi } from '../../../test/fetch-mock';
import { renderPage } from '../../../test/render';
import { EventForm } from './event-form';
import { changesFrom, type EventFormValues, emptyEventValues, parseEventValues, valuesFromEvent } from './event-form-values';

/** The form with a title and a start, so a submit depends only on the fields under test. */
function renderForm(values: Partial<EventFormValues> = {}) {
  mockApi();
  const onSubmit = vi.fn(async (_data: EventCreate) => undefined);
  const initialValues = { ...emptyEventValues(), title: 'Quiz', startsAt: '2030-06-01T19:00', ...values };
  const view = renderPage(<EventForm initialValues={initialValues} submitLabel="Create event" onSubmit={onSubmit} />, { path: '/' });
  const sent = () => onSubmit.mock.calls.at(-1)?.[0];
  const submit = () => view.user.click(screen.getByRole('button', { name: 'Create event' }));
  return { ...view, onSubmit, sent, submit };
}

describe('where the event happens', () => {
  it('takes an empty place as “to be announced”', async () => {
    const { submit, sent } = renderForm();
    expect(screen.getByRole('radio', { name: 'In person' })).toBeChecked();
    expect(screen.getByLabelText('Location')).toHaveAccessibleDescription(
      'An address or a venue. Leave empty if the place is to be announced.',
    );
    await submit();
    expect(sent()).toMatchObject({ locationType: 'venue', location: '', onlineUrl: null, attendeesVisible: true });
  });

  it('asks an online event for its join link and an optional label, and sends them', async () => {
    const { user, submit, sent } = renderForm({ location: '' });
    await user.click(screen.getByRole('radio', { name: 'Online' }));
    expect(screen.queryByLabelText('Location')).toBeNull();
    await user.type(screen.getByLabelText('Join link'), 'https://meet.example/abc');
    await user.type(screen.getByLabelText('Label'), 'Jitsi');
    await submit();
    expect(sent()).toMatchObject({ locationType: 'online', location: 'Jitsi', onlineUrl: 'https://meet.example/abc' });
  });

  it('refuses a join link that is not a web address, with the shared schema’s words', async () => {
    const { user, submit, onSubmit } = renderForm();
    await user.click(screen.getByRole('radio', { name: 'Online' }));
    await user.type(screen.getByLabelText('Join link'), 'javascript:alert(1)');
    await submit();
    expect(screen.getByLabelText('Join link')).toHaveAccessibleDescription(/The join link must be a web address starting with https:\/\//);
    expect(screen.getByLabelText('Join link')).toHaveFocus();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends no join link for an event in person, even one typed before switching back', async () => {
    const { user, submit, sent } = renderForm({ location: 'Room 1' });
    await user.click(screen.getByRole('radio', { name: 'Online' }));
    await user.type(screen.getByLabelText('Join link'), 'https://meet.example/abc');
    await user.click(screen.getByRole('radio', { name: 'In person' }));
    await submit();
    expect(sent()).toMatchObject({ locationType: 'venue', onlineUrl: null });
  });

  it('lets the organizer keep the guest list private', async () => {
    const { user, submit, sent } = renderForm();
    const box = screen.getByLabelText('Show who’s going to people who view the event');
    expect(box).toBeChecked();
    await user.click(box);
    await submit();
    expect(sent()).toMatchObject({ attendeesVisible: false });
  });

  it('edits only what changed of the place, the link and the list’s visibility', () => {
    const event = buildEventView({
      organizerId: ORGANIZER_ID,
      locationType: 'online',
      location: 'Zoom',
      hasOnlineUrl: true,
      onlineUrl: 'https://zoom.example/j/1',
      version: 3,
    });
    const values = valuesFromEvent(event);
    expect(values).toMatchObject({
      locationType: 'online',
      location: 'Zoom',
      onlineUrl: 'https://zoom.example/j/1',
      attendeesVisible: true,
    });
    const parsed = parseEventValues({ ...values, onlineUrl: 'https://zoom.example/j/2', attendeesVisible: false });
    if (!('data' in parsed)) throw new Error('expected valid values');
    expect(changesFrom(event, parsed.data)).toEqual({ onlineUrl: 'https://zoom.example/j/2', attendeesVisible: false, version: 3 });
  });
});

describe('the description', () => {
  it('is written in Markdown and previewed as the event page will show it, in accessible tabs', async () => {
    const { user } = renderForm();
    const field = screen.getByLabelText('Description');
    expect(field).toHaveAccessibleDescription(/Markdown: \*\*bold\*\*, \*italic\*, \[link\]\(https:\/\/…\), lists/);
    await user.type(field, '**Bring** a pen{enter}{enter}[[Rules](https://rules.example) <script>alert(1)</script>');

    const tabs = screen.getByRole('tablist', { name: 'Write or preview the description' });
    const write = within(tabs).getByRole('tab', { name: 'Write' });
    expect(write).toHaveAttribute('aria-selected', 'true');
    await user.click(within(tabs).getByRole('tab', { name: 'Preview' }));
    const preview = screen.getByRole('tabpanel', { name: 'Preview' });
    expect(await within(preview).findByText('Bring')).toHaveProperty('tagName', 'STRONG');
    expect(within(preview).getByRole('link', { name: 'Rules' })).toHaveAttribute('rel', LINK_REL);
    expect(preview.querySelector('script')).toBeNull();
    expect(screen.getByLabelText('Description')).not.toBeVisible();

    // Arrow keys move between the tabs (APG tabs pattern).
    await user.keyboard('{ArrowLeft}');
    expect(write).toHaveFocus();
    expect(write).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByLabelText('Description')).toBeVisible();
  });

  it('says when there is nothing to preview', async () => {
    const { user } = renderForm();
    await user.click(screen.getByRole('tab', { name: 'Preview' }));
    expect(screen.getByRole('tabpanel', { name: 'Preview' })).toHaveTextContent('Nothing to preview yet.');
  });
});
