import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ErrorText } from './ErrorText';

// WCAG 2 relative luminance and contrast ratio.
function luminance(rgb: string): number {
  const [r, g, b] = rgb
    .match(/\d+/g)!
    .slice(0, 3)
    .map(Number)
    .map(v => v / 255)
    .map(c => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('ErrorText', () => {
  it('reads at 4.5:1 or more on white paper in the app’s light theme', async () => {
    await renderInTestApp(
      <ErrorText variant="body2">Nothing was sent.</ErrorText>,
    );
    const color = getComputedStyle(screen.getByText('Nothing was sent.')).color;
    expect(color).toMatch(/^rgb/);
    expect(contrast(color, 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(4.5);
  });
});
