import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/*
 * Mantine's default palette fails WCAG AA on white (dimmed grey ~3.3:1, primary blue ~3.6:1,
 * error red ~3.3:1). Every colour used for text below is checked against white and the light
 * backgrounds it sits on; ratios are noted beside them. Never switch off axe's colour-contrast rule.
 */

// A calm clinical blue. Shade 6 (filled, links, outlines) is 6.2:1 on white; shade 9 on shade 1
// (the "light" variant) is 10.4:1; white text on shade 6 is 6.2:1.
const clinicalBlue: MantineColorsTuple = [
  '#e7f2f8',
  '#cfe4f0',
  '#9fc8e1',
  '#6caad1',
  '#4290c2',
  '#2776ad',
  '#1b659a',
  '#15527e',
  '#104265',
  '#0b304a',
];

// Amber for the training-environment banner: the theme's near-black text on shade 4 is 10.5:1.
const trainingAmber: MantineColorsTuple = [
  '#fff8e1',
  '#ffefb3',
  '#ffe480',
  '#ffd84d',
  '#fcc419',
  '#f0ad00',
  '#d99a00',
  '#b37f00',
  '#8c6300',
  '#664800',
];

export const theme = createTheme({
  primaryColor: 'clinicalBlue',
  primaryShade: { light: 6, dark: 8 },
  colors: { clinicalBlue, trainingAmber },
  black: '#1a1d21',
  // Keyboard focus gets a 2px ring in the primary colour (6.2:1 on white), mouse clicks do not.
  focusRing: 'auto',
  defaultRadius: 'sm',
  cursorType: 'pointer',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif',
  headings: {
    fontWeight: '600',
    sizes: { h1: { fontSize: '2rem', lineHeight: '1.25' } },
  },
});

/** Overrides Mantine's semantic colours that fail AA. Light scheme only: the app forces it (app.tsx). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#596069', // 6.4:1 on white, 6.0:1 on the page background (gray-0)
    '--mantine-color-error': 'var(--mantine-color-red-9)', // 5.5:1 on white
    '--mantine-color-placeholder': '#6b727a', // 4.9:1 on white
    '--mantine-color-anchor': 'var(--mantine-color-clinicalBlue-7)', // 8.3:1 on white
    // The "light" variant (alerts, badges) writes shade 9 on shade 1; for teal that is 4.3:1 and red
    // barely 4.5:1. Darker text: 6.6:1 on teal-1 (#c3fae8), 6.0:1 on red-1 (#ffe3e3).
    '--mantine-color-teal-light-color': '#065f46',
    '--mantine-color-red-light-color': '#a51d1d',
  },
  dark: {},
});
