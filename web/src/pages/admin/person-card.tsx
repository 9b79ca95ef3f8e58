import { Badge, Button, Card, Group, List, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { endAffiliation, setPersonActive, type PersonAdminView } from '../../api/admin-api.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';

interface PersonCardProps {
  person: PersonAdminView;
  /** When the list was loaded: affiliations that had ended by then are not shown. */
  loadedAt: number;
  onAddAffiliation: () => void;
  onChanged: (text: string) => void;
}

/** One person: status, affiliations (each can be ended), deactivate or reactivate. */
export function PersonCard({ person, loadedAt, onAddAffiliation, onChanged }: PersonCardProps) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'people'] });
  const active = person.deactivatedAt === null;
  const toggle = useMutation({
    mutationFn: () => setPersonActive(person.id, !active),
    onSuccess: async () => {
      await refresh();
      onChanged(t(active ? 'people.deactivated' : 'people.reactivated', { name: person.displayName }));
    },
  });
  const end = useMutation({
    mutationFn: endAffiliation,
    onSuccess: async () => {
      await refresh();
      onChanged(t('people.affiliationEnded', { name: person.displayName }));
    },
  });
  const current = person.affiliations.filter((a) => !a.validUntil || Date.parse(a.validUntil) > loadedAt);
  const headingId = `person-${person.id}`;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h5" id={headingId}>
            {person.displayName}
          </Title>
          <Text size="sm" c="dimmed">
            {person.email}
            {` · ${t('people.since', { date: format.date(person.createdAt) })}`}
            {person.hasLocalPassword ? ` · ${t('people.localPassword')}` : ''}
          </Text>
        </div>
        <Badge color={active ? 'teal.9' : 'gray.8'}>{active ? t('people.active') : t('people.inactive')}</Badge>
      </Group>
      <ProblemAlert error={toggle.error ?? end.error} />
      {current.length === 0 ? (
        <Text size="sm" mt="sm">
          {t('people.noAffiliations')}
        </Text>
      ) : (
        <List spacing={6} mt="sm" aria-label={t('people.affiliationsOf', { name: person.displayName })}>
          {current.map((a) => {
            const label = [t(`roles.${a.role}`), a.hospitalName, a.ernName].filter(Boolean).join(' · ');
            return (
              <List.Item key={a.id}>
                <Group gap="sm">
                  <Text span size="sm">
                    {label}
                    {a.validUntil ? ` (${t('affiliations.until', { date: format.date(a.validUntil) })})` : ''}
                  </Text>
                  <Button
                    size="compact-xs"
                    variant="outline"
                    color="red.9"
                    loading={end.isPending && end.variables === a.id}
                    onClick={() => end.mutate(a.id)}
                    aria-label={t('people.endAffiliationNamed', { affiliation: label })}
                  >
                    {t('people.endAffiliation')}
                  </Button>
                </Group>
              </List.Item>
            );
          })}
        </List>
      )}
      <Group gap="sm" mt="md">
        <Button size="xs" variant="default" onClick={onAddAffiliation} aria-label={t('people.addAffiliationFor', { name: person.displayName })}>
          {t('people.addAffiliation')}
        </Button>
        <Button
          size="xs"
          variant="outline"
          color={active ? 'red.9' : undefined}
          loading={toggle.isPending}
          onClick={() => toggle.mutate()}
          aria-label={t(active ? 'people.deactivateNamed' : 'people.reactivateNamed', { name: person.displayName })}
        >
          {active ? t('people.deactivate') : t('people.reactivate')}
        </Button>
      </Group>
    </Card>
  );
}
