import { SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ernListQuery } from '../api/queries.ts';
import { LoadingState } from '../components/loading-state.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { QueryError } from '../components/query-error.tsx';
import { ErnCard } from './ern-card.tsx';

/** The European Reference Networks with their fields and disease groups. */
export function NetworksPage() {
  const { t, i18n } = useTranslation();
  const { data, error, isPending, refetch } = useQuery(ernListQuery);
  const collator = new Intl.Collator(i18n.language, { sensitivity: 'base' });
  const erns = data ? data.erns.toSorted((a, b) => collator.compare(a.name, b.name)) : [];
  return (
    <Stack gap="md">
      <div>
        <PageHeading>{t('networks.title')}</PageHeading>
        <Text maw="48rem">{t('networks.intro')}</Text>
      </div>
      {isPending && <LoadingState />}
      {error && <QueryError error={error} onRetry={() => void refetch()} />}
      {data && (
        <>
          <Text c="dimmed" size="sm">
            {t('networks.count', { count: erns.length })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
            {erns.map((ern) => (
              <ErnCard key={ern.id} ern={ern} />
            ))}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
