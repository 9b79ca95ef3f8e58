import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { holdsAnyRole, type Role } from '../auth/roles.ts';
import { useSession } from '../auth/use-session.ts';
import { PageHeading } from './page-heading.tsx';

/**
 * Shows a page only to holders of one of these roles; others read why not. The server refuses the
 * same requests anyway: this only spares people a page of errors.
 */
export function RoleGate({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  if (holdsAnyRole(session, roles)) return children;
  return (
    <Stack gap="sm" maw="40rem">
      <PageHeading>{t('notAllowed.title')}</PageHeading>
      <Text>{t('notAllowed.text')}</Text>
    </Stack>
  );
}
