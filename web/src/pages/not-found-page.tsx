import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/page-heading.tsx';

/** Shown for any address that matches no page. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" maw="40rem">
      <PageHeading>{t('notFound.title')}</PageHeading>
      <Text>{t('notFound.text')}</Text>
      <Anchor component={Link} to="/" fw={600}>
        {t('notFound.home')}
      </Anchor>
    </Stack>
  );
}
