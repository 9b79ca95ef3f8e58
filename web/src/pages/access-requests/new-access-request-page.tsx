import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/page-heading.tsx';
import { AccessRequestForm } from './access-request-form.tsx';

/** Filing an access request: the first step for a newcomer, and how anyone asks for another role. */
export function NewAccessRequestPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <div>
        <PageHeading>{t('accessRequests.newTitle')}</PageHeading>
        <Text maw="48rem">{t('accessRequests.newIntro')}</Text>
      </div>
      <AccessRequestForm />
    </Stack>
  );
}
