import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/page-heading.tsx';

const cards = [
  { to: '/admin/erns', key: 'erns' },
  { to: '/admin/hospitals', key: 'hospitals' },
  { to: '/admin/people', key: 'people' },
  { to: '/admin/consent-forms', key: 'consentForms' },
  { to: '/admin/settings', key: 'settings' },
] as const;

/** What the administration area holds, one card per section. */
export function AdminOverviewPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <div>
        <PageHeading>{t('admin.title')}</PageHeading>
        <Text maw="48rem">{t('admin.intro')}</Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {cards.map((card) => (
          <Card key={card.key} withBorder padding="lg" component="section" aria-labelledby={`admin-${card.key}`}>
            <Title order={2} size="h4" id={`admin-${card.key}`}>
              {t(`admin.nav.${card.key}`)}
            </Title>
            <Text mt="xs" mb="sm">
              {t(`admin.cards.${card.key}`)}
            </Text>
            <Anchor component={Link} to={card.to} fw={600}>
              {t('admin.open', { section: t(`admin.nav.${card.key}`) })}
            </Anchor>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
