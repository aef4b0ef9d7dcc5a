import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearToasts, showToast } from '../../lib/toasts';
import { Toaster } from './toaster';

afterEach(() => act(() => clearToasts()));

const toastOf = (title: string) => screen.getByText(title).closest('[data-toast]') as HTMLElement;

describe('a toast', () => {
  it('without a description is its title alone, centred beside the dismiss button: no empty second line', () => {
    render(<Toaster />);
    act(() => {
      showToast({ title: 'Link copied' });
      showToast({ title: 'Saved', body: '  ' });
    });
    for (const title of ['Link copied', 'Saved']) {
      const toast = toastOf(title);
      expect(toast.querySelectorAll('p')).toHaveLength(1);
      expect(toast).toHaveClass('titleOnly');
    }
  });

  it('with a description shows it on a second line', () => {
    render(<Toaster />);
    act(() => {
      showToast({ title: 'Event deleted', body: 'Picnic' });
    });
    const toast = toastOf('Event deleted');
    expect(toast.querySelectorAll('p')).toHaveLength(2);
    expect(toast).toHaveTextContent('Picnic');
    expect(toast).not.toHaveClass('titleOnly');
  });
});
