import { Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { profileQuery } from '../../api/me-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { AuthenticatorCard } from './authenticator-card.tsx';
import { MyAffiliations } from './my-affiliations.tsx';
import { NotificationPreferencesCard } from './notification-preferences-card.tsx';
import { ProfileForm } from './profile-form.tsx';

/** The person's profile and, read-only, the affiliations that decide what they may do. */
export function ProfilePage() {
  const { t } = useTranslation();
  const profile = useQuery(profileQuery);
  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('profile.title')}</PageHeading>
        <Text maw="48rem">{t('profile.intro')}</Text>
      </div>
      <MyAffiliations headingLevel={2} />
      <AuthenticatorCard />
      {profile.isPending && <LoadingState />}
      {profile.error && <QueryError error={profile.error} onRetry={() => void profile.refetch()} />}
      {profile.data && <ProfileForm profile={profile.data} />}
      <NotificationPreferencesCard />
    </Stack>
  );
}
