import { Button, Menu, VisuallyHidden } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/use-session.ts';
import { useSignOut } from '../auth/use-sign-out.ts';

function Chevron() {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden focusable="false">
      <path d="M2 4l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.75" />
    </svg>
  );
}

/** The signed-in person's name with their menu (profile, sessions, sign out); else a way to sign in. */
export function UserMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const { signOut } = useSignOut();
  if (session === undefined) return null; // still asking the server
  if (session === null) {
    return (
      <Button component={Link} to="/sign-in" variant="light" size="sm">
        {t('account.signIn')}
      </Button>
    );
  }
  const owed = session.secondFactor.owed;
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <Button variant="subtle" size="sm" rightSection={<Chevron />}>
          <VisuallyHidden>{t('account.menuFor')} </VisuallyHidden>
          {session.person.displayName}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{session.person.email}</Menu.Label>
        {!owed && (
          <>
            <Menu.Item component={Link} to="/profile">
              {t('account.profile')}
            </Menu.Item>
            <Menu.Item component={Link} to="/sessions">
              {t('account.sessions')}
            </Menu.Item>
            <Menu.Divider />
          </>
        )}
        <Menu.Item onClick={signOut}>{t('account.signOut')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
