import { Stack } from '@mantine/core';
import { Link, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { areaRoles } from '../../auth/roles.ts';
import { RoleGate } from '../../components/role-gate.tsx';
import classes from './admin.module.css';

const sections = [
  { to: '/admin', label: 'admin.nav.overview', exact: true },
  { to: '/admin/erns', label: 'admin.nav.erns', exact: false },
  { to: '/admin/hospitals', label: 'admin.nav.hospitals', exact: false },
  { to: '/admin/people', label: 'admin.nav.people', exact: false },
  { to: '/admin/consent-forms', label: 'admin.nav.consentForms', exact: false },
  { to: '/admin/settings', label: 'admin.nav.settings', exact: false },
] as const;

/** The administration area: its own navigation above each section's page. Platform administrators only. */
export function AdminLayout() {
  const { t } = useTranslation();
  return (
    <RoleGate roles={areaRoles.administration}>
      <Stack gap="lg">
        <nav aria-label={t('admin.navLabel')}>
          <ul className={classes.tabs}>
            {sections.map((section) => (
              <li key={section.to}>
                <Link to={section.to} className={classes.tab} activeOptions={{ exact: section.exact }}>
                  {t(section.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <Outlet />
      </Stack>
    </RoleGate>
  );
}
