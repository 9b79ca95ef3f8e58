import { Card, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { peopleQuery, type PersonAdminView } from '../../api/admin-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { AffiliationDialog } from './affiliation-dialog.tsx';
import { NewAccountForm } from './new-account-form.tsx';
import { PersonCard } from './person-card.tsx';

/** Everyone who can sign in, their affiliations, and local accounts for installations that use them. */
export function PeoplePage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const people = useQuery({ ...peopleQuery(debounced), placeholderData: keepPreviousData });
  const [affiliating, setAffiliating] = useState<PersonAdminView>();
  const [message, setMessage] = useState<string>();
  const list = people.data?.people ?? [];
  return (
    <Stack gap="md">
      <div>
        <PageHeading>{t('people.title')}</PageHeading>
        <Text maw="48rem">{t('people.intro')}</Text>
      </div>
      <Card withBorder padding="lg" component="section" aria-labelledby="new-account-heading">
        <Title order={2} size="h4" id="new-account-heading" mb="sm">
          {t('people.newAccount')}
        </Title>
        <NewAccountForm onCreated={(name) => setMessage(t('people.created', { name }))} />
      </Card>
      <TextInput
        type="search"
        label={t('people.search')}
        description={t('people.searchHint')}
        maw="28rem"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
      />
      <StatusMessage>{message}</StatusMessage>
      {people.isPending && <LoadingState />}
      {people.error && <QueryError error={people.error} onRetry={() => void people.refetch()} />}
      {people.data && (
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('people.count', { count: list.length })}
        </Text>
      )}
      {list.map((person) => (
        <PersonCard
          key={person.id}
          person={person}
          loadedAt={people.dataUpdatedAt}
          onAddAffiliation={() => setAffiliating(person)}
          onChanged={setMessage}
        />
      ))}
      {affiliating && (
        <AffiliationDialog
          person={affiliating}
          onClose={() => setAffiliating(undefined)}
          onCreated={(text) => {
            setAffiliating(undefined);
            setMessage(text);
          }}
        />
      )}
    </Stack>
  );
}
