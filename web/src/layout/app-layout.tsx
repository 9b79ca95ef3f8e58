import { AppShell, Group } from '@mantine/core';
import { Link, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AppFooter } from './app-footer.tsx';
import { EnvironmentBanner } from './environment-banner.tsx';
import { MainNavigation } from './main-navigation.tsx';
import { MAIN_CONTENT_ID, SkipLink } from './skip-link.tsx';
import { UserMenu } from './user-menu.tsx';
import { InboxBell } from '../pages/inbox/inbox-bell.tsx';
import { useFocusHeadingOnNavigate } from './use-focus-heading-on-navigate.ts';
import classes from './layout.module.css';

/** The frame of every page: skip link, environment banner, header with navigation, main, footer. */
export function AppLayout() {
  const { t } = useTranslation();
  useFocusHeadingOnNavigate();
  return (
    <AppShell
      mode="static"
      header={{ height: 'auto' }}
      footer={{ height: 'auto' }}
      padding="md"
      classNames={{ root: classes.shell, header: classes.header, main: classes.main, footer: classes.footer }}
    >
      <AppShell.Header>
        <SkipLink />
        <EnvironmentBanner />
        <Group className={classes.bar} justify="space-between" gap="sm">
          <Link to="/" className={classes.brand} aria-label={t('layout.homeLink')}>
            <img src="/favicon.svg" alt="" width={28} height={28} />
            {t('app.name')}
          </Link>
          <Group gap="lg" wrap="wrap">
            <MainNavigation />
            <InboxBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
      <AppShell.Footer>
        <AppFooter />
      </AppShell.Footer>
    </AppShell>
  );
}
