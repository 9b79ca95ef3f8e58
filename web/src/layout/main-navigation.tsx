import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { areaRoles, holdsAnyRole } from '../auth/roles.ts';
import { useSession } from '../auth/use-session.ts';
import classes from './layout.module.css';

const publicItems = [
  { to: '/', label: 'layout.nav.home', exact: true },
  { to: '/networks', label: 'layout.nav.networks', exact: false },
  { to: '/system', label: 'layout.nav.system', exact: false },
] as const;

/**
 * The header's main navigation; the router marks the current page with aria-current="page". Signed-in
 * areas appear for the roles that use them — a convenience only: the server decides what anyone may do.
 */
export function MainNavigation() {
  const { t } = useTranslation();
  const session = useSession();
  const signedIn = !!session && !session.secondFactor.owed;
  const items = [
    ...publicItems,
    ...(signedIn ? [{ to: '/access-requests', label: 'layout.nav.accessRequests', exact: false } as const] : []),
    ...(signedIn && holdsAnyRole(session, areaRoles.patients) ? [{ to: '/patients', label: 'layout.nav.patients', exact: false } as const] : []),
    ...(signedIn && holdsAnyRole(session, areaRoles.panels) ? [{ to: '/panels', label: 'layout.nav.panels', exact: false } as const] : []),
    ...(signedIn && holdsAnyRole(session, areaRoles.meetings) ? [{ to: '/meetings', label: 'layout.nav.meetings', exact: false } as const] : []),
    ...(signedIn && holdsAnyRole(session, areaRoles.referrals) ? [{ to: '/referrals', label: 'layout.nav.referrals', exact: false } as const] : []),
    ...(signedIn && holdsAnyRole(session, areaRoles.coordination)
      ? [{ to: '/coordination/access-requests', label: 'layout.nav.coordination', exact: false } as const]
      : []),
    ...(signedIn && holdsAnyRole(session, areaRoles.administration) ? [{ to: '/admin', label: 'layout.nav.admin', exact: false } as const] : []),
    ...(signedIn && holdsAnyRole(session, areaRoles.audit) ? [{ to: '/audit', label: 'layout.nav.audit', exact: false } as const] : []),
  ];
  return (
    <nav aria-label={t('layout.mainNavigation')}>
      <ul className={classes.navList}>
        {items.map((item) => (
          <li key={item.to}>
            <Link to={item.to} className={classes.navLink} activeOptions={{ exact: item.exact }}>
              {t(item.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
