import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/page-heading.tsx';
import { MyAffiliations } from './account/my-affiliations.tsx';

/** What the platform is, and where to go next. */
export function HomePage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('home.title')}</PageHeading>
        <Text size="lg" maw="48rem">
          {t('home.intro')}
        </Text>
        <Text c="dimmed" mt="sm" maw="48rem">
          {t('home.privacy')}
        </Text>
      </div>
      <MyAffiliations headingLevel={2} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Card withBorder padding="lg" component="section" aria-labelledby="home-networks">
          <Title order={2} size="h3" id="home-networks">
            {t('home.networksTitle')}
          </Title>
          <Text mt="xs" mb="md">
            {t('home.networksText')}
          </Text>
          <Anchor component={Link} to="/networks" fw={600}>
            {t('home.networksLink')}
          </Anchor>
        </Card>
        <Card withBorder padding="lg" component="section" aria-labelledby="home-system">
          <Title order={2} size="h3" id="home-system">
            {t('home.systemTitle')}
          </Title>
          <Text mt="xs" mb="md">
            {t('home.systemText')}
          </Text>
          <Anchor component={Link} to="/system" fw={600}>
            {t('home.systemLink')}
          </Anchor>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
