import { describe, expect, it } from 'vitest';
import { landingAfterSignIn, safeReturnTo } from './return-to.ts';

describe('safeReturnTo', () => {
  it('keeps a path of this site with its query and fragment', () => {
    expect(safeReturnTo('/panels/123?tab=cases#top')).toBe('/panels/123?tab=cases#top');
    expect(safeReturnTo('/')).toBe('/');
  });

  it.each([
    undefined,
    '',
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    'panels',
    '/\t/evil.example',
    `/${'a'.repeat(2001)}`,
  ])('turns %j into "/"', (raw) => {
    expect(safeReturnTo(raw)).toBe('/');
  });

  it('never lands on the API', () => {
    expect(safeReturnTo('/api/auth/sign-out')).toBe('/');
    expect(safeReturnTo('/api')).toBe('/');
    expect(safeReturnTo('/apiary')).toBe('/apiary');
  });

  it('normalises dot segments instead of following them elsewhere', () => {
    expect(safeReturnTo('/a/../../b')).toBe('/b');
  });
});

describe('landingAfterSignIn', () => {
  it('goes to returnTo when nothing is owed, else to the page that collects it, carrying returnTo', () => {
    expect(landingAfterSignIn('done', '/cases?x=1')).toBe('/cases?x=1');
    expect(landingAfterSignIn('secondFactor', '/')).toBe('/sign-in/second-factor');
    expect(landingAfterSignIn('secondFactor', '/cases?x=1')).toBe('/sign-in/second-factor?returnTo=%2Fcases%3Fx%3D1');
    expect(landingAfterSignIn('enrolSecondFactor', '/')).toBe('/sign-in/authenticator');
  });
});
