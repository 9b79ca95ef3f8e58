import { createRoute, useParams } from '@tanstack/react-router';
import { areaRoles } from '../auth/roles.ts';
import { RoleGate } from '../components/role-gate.tsx';
import { NewReferralPage } from '../pages/referrals/new-referral-page.tsx';
import { ReferralPage } from '../pages/referrals/referral-page.tsx';
import { ReferralsPage } from '../pages/referrals/referrals-page.tsx';
import { signedInRoute } from './account-routes.ts';

/** Referrals: referring clinicians send and follow theirs; the receiving centre's staff work through the incoming ones. */
export const referralsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/referrals',
  component: () => (
    <RoleGate roles={areaRoles.referrals}>
      <ReferralsPage />
    </RoleGate>
  ),
});

export const newReferralRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/referrals/new',
  component: () => (
    <RoleGate roles={['referrer']}>
      <NewReferralPage />
    </RoleGate>
  ),
});

export const referralRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/referrals/$referralId',
  component: function ReferralRoute() {
    // Read untyped (the route's own typed hook would make its type depend on itself).
    const params: Record<string, string | undefined> = useParams({ strict: false });
    const referralId = params.referralId ?? '';
    return (
      <RoleGate roles={areaRoles.referrals}>
        <ReferralPage key={referralId} referralId={referralId} />
      </RoleGate>
    );
  },
});
