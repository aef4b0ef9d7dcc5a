import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../../test/fetch-mock';
import { renderPage } from '../../../test/render';
import { TimeZoneSetting } from './time-zone-setting';

function renderSetting(timezone: string | null) {
  mockApi();
  const onSave = vi.fn();
  const view = renderPage(<TimeZoneSetting timezone={timezone} onSave={onSave} />);
  const field = screen.getByRole('combobox', { name: 'Your time zone' });
  const list = () => screen.getByRole('listbox', { name: 'Time zones' });
  const names = () =>
    within(list())
      .getAllByRole('option')
      .map((option) => option.textContent);
  return { ...view, field, list, names, onSave };
}

const offsetOf = (label: string | null) => {
  const [, sign, hours, minutes] = /^UTC([+-])(\d{2}):(\d{2})/.exec(label ?? '') ?? [];
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
};

describe('the time zone setting', () => {
  it('is a combobox of today’s zone names with their offsets, in offset order, without the old spellings', async () => {
    const { user, field, names } = renderSetting('Europe/Lisbon');
    expect((field as HTMLInputElement).value).toMatch(/^UTC\+0[01]:00 Europe\/Lisbon$/);
    expect(field).toHaveAttribute('aria-expanded', 'false');

    await user.click(field);
    expect(field).toHaveAttribute('aria-expanded', 'true');
    const all = names();
    expect(all).toContain('UTC+05:30 Asia/Kolkata');
    expect(all).toContain('UTC+05:45 Asia/Kathmandu');
    expect(all.some((name) => /Europe\/Kyiv$/.test(name ?? ''))).toBe(true);
    expect(all.some((name) => /Asia\/Ho Chi Minh$/.test(name ?? ''))).toBe(true);
    expect(all.some((name) => /America\/Argentina\/Buenos Aires$/.test(name ?? ''))).toBe(true);
    for (const old of ['Asia/Calcutta', 'Europe/Kiev', 'Asia/Saigon', 'Asia/Katmandu', 'Asia/Rangoon', 'America/Buenos Aires'])
      expect(all.filter((name) => name?.endsWith(` ${old}`))).toEqual([]);
    const offsets = all.map(offsetOf);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  });

  it('finds a zone by city, by an old spelling and by offset', async () => {
    const { user, field, names } = renderSetting('Europe/Lisbon');
    await user.click(field);
    await user.keyboard('kolkata');
    expect(names()).toEqual(['UTC+05:30 Asia/Kolkata']);
    await user.clear(field);
    await user.keyboard('calcutta');
    expect(names()).toEqual(['UTC+05:30 Asia/Kolkata']);
    await user.clear(field);
    await user.keyboard('+5:45');
    expect(names()).toEqual(['UTC+05:45 Asia/Kathmandu']);
    await user.clear(field);
    await user.keyboard('new york');
    expect(names()).toEqual([expect.stringMatching(/^UTC-0[45]:00 America\/New York$/)]);
    await user.clear(field);
    await user.keyboard('atlantis');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getByText(/No time zone matches “atlantis”/)).toBeInTheDocument();
  });

  it('moves with the arrow keys, picks with Enter, and puts the chosen zone back on Escape', async () => {
    const { user, field, onSave } = renderSetting('Asia/Tokyo');
    field.focus();
    await user.keyboard('{ArrowDown}');
    const active = () => document.getElementById(field.getAttribute('aria-activedescendant') ?? '');
    // The list opens on the zone already chosen.
    expect(active()).toHaveTextContent('Asia/Tokyo');
    expect(active()).toHaveAttribute('aria-selected', 'true');

    await user.keyboard('{Escape}');
    expect(field).toHaveAttribute('aria-expanded', 'false');
    expect(field).toHaveValue('UTC+09:00 Asia/Tokyo');

    await user.keyboard('{Control>}a{/Control}kathmandu');
    await user.keyboard('{Escape}');
    expect(field).toHaveValue('UTC+09:00 Asia/Tokyo');
    expect(onSave).not.toHaveBeenCalled();

    await user.keyboard('{Control>}a{/Control}asia/k');
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}');
    const picked = active()
      ?.textContent?.replace(/^UTC\S+ /, '')
      .replaceAll(' ', '_');
    await user.keyboard('{Enter}');
    expect(onSave).toHaveBeenCalledWith(picked);
    expect(field).toHaveAttribute('aria-expanded', 'false');
  });

  it('shows a zone saved under an old spelling by its name today', () => {
    const { field } = renderSetting('Asia/Calcutta');
    expect(field).toHaveValue('UTC+05:30 Asia/Kolkata');
  });
});
