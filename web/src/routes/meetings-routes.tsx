import { createRoute, useParams } from '@tanstack/react-router';
import { areaRoles } from '../auth/roles.ts';
import { RoleGate } from '../components/role-gate.tsx';
import { MeetingPage } from '../pages/meetings/meeting-page.tsx';
import { MeetingsPage } from '../pages/meetings/meetings-page.tsx';
import { ScheduleMeetingPage } from '../pages/meetings/schedule-meeting-page.tsx';
import { signedInRoute } from './account-routes.ts';

/** Meetings: panel members see theirs; coordinators and panel leads schedule them. */
export const meetingsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/meetings',
  component: () => (
    <RoleGate roles={areaRoles.meetings}>
      <MeetingsPage />
    </RoleGate>
  ),
});

export const scheduleMeetingRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/meetings/new',
  component: () => (
    <RoleGate roles={['coordinator', 'healthProfessional']}>
      <ScheduleMeetingPage />
    </RoleGate>
  ),
});

export const meetingRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/meetings/$meetingId',
  component: function MeetingRoute() {
    // Read untyped (the route's own typed hook would make its type depend on itself).
    const params: Record<string, string | undefined> = useParams({ strict: false });
    const meetingId = params.meetingId ?? '';
    return (
      <RoleGate roles={areaRoles.meetings}>
        <MeetingPage key={meetingId} meetingId={meetingId} />
      </RoleGate>
    );
  },
});
