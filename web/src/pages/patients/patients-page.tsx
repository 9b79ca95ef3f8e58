import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patientListQuery } from '../../api/patients-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { PatientsTable } from './patients-table.tsx';
import { RecordNumberSearch } from './record-number-search.tsx';

/** My hospitals' patients, a search by nickname or platform id, and a search by record number. */
export function PatientsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const list = useQuery({ ...patientListQuery(q), placeholderData: keepPreviousData });
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <PageHeading>{t('patients.title')}</PageHeading>
          <Text maw="48rem">{t('patients.intro')}</Text>
        </div>
        <Button component={Link} to="/patients/new">
          {t('patients.enrol')}
        </Button>
      </Group>
      <TextInput
        label={t('patients.search')}
        description={t('patients.searchHint')}
        type="search"
        maw="28rem"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
      />
      {list.isPending && <LoadingState />}
      {list.error && !list.data && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.data &&
        (list.data.patients.length > 0 ? (
          <PatientsTable patients={list.data.patients} caption={t('patients.caption')} />
        ) : (
          <Text>{q ? t('patients.noMatch') : t('patients.empty')}</Text>
        ))}
      <Card withBorder padding="lg">
        <Title order={2} size="h3" mb="xs">
          {t('patients.byRecordNumber')}
        </Title>
        <Text size="sm" mb="sm">
          {t('patients.byRecordNumberHint')}
        </Text>
        <RecordNumberSearch />
      </Card>
    </Stack>
  );
}
