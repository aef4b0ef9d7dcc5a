import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EventCover } from './event-cover';

const cover = { url: '/api/images/c1', width: 1600, height: 800, color: '#aa3300' };

describe('EventCover', () => {
  it('holds a 2:1 place in the image’s colour and loads the banner first, decoded off the main thread', () => {
    const { container } = render(<EventCover cover={cover} />);
    const img = container.querySelector('img') as HTMLImageElement;
    expect(img).toHaveAttribute('src', cover.url);
    expect(img).toHaveAttribute('alt', '');
    expect(img).toHaveAttribute('width', '1600');
    expect(img).toHaveAttribute('height', '800');
    expect(img).toHaveAttribute('decoding', 'async');
    expect(img).toHaveAttribute('fetchpriority', 'high');
    expect(img).not.toHaveAttribute('loading', 'lazy');
    expect(img.parentElement).toHaveStyle({ backgroundColor: 'rgb(170, 51, 0)' });
  });

  it('loads a list’s thumbnail only when it is scrolled to', () => {
    const { container } = render(<EventCover cover={cover} size="thumb" />);
    const img = container.querySelector('img') as HTMLImageElement;
    expect(img).toHaveAttribute('loading', 'lazy');
    expect(img).toHaveAttribute('fetchpriority', 'auto');
  });

  it('ignores a colour that is not #rrggbb', () => {
    const { container } = render(<EventCover cover={{ ...cover, color: 'red;background:url(x)' }} />);
    expect((container.firstElementChild as HTMLElement).getAttribute('style')).toBeNull();
  });
});
