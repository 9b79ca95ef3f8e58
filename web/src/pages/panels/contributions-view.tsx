import { Card, List, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contributionsQuery, type ContributionView, type PanelDetail } from '../../api/panels-api.ts';
import { useSignedInSession } from '../../auth/use-session.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';
import { ContributionForm } from './contribution-form.tsx';

function Part({ label, text }: { label: string; text: string }) {
  if (!text) return null;
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{text}</Text>
    </div>
  );
}

function Contribution({ contribution }: { contribution: ContributionView }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const headingId = `contribution-${contribution.id}`;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <div>
          <Title order={4} size="h5" id={headingId}>
            {t('panels.contributions.by', { name: contribution.author.displayName, role: t(`panels.role.${contribution.author.role}`) })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('panels.contributions.versionLine', { version: contribution.version, when: format.dateTime(contribution.updatedAt) })}
          </Text>
        </div>
        <Part label={t('panels.contributions.assessment')} text={contribution.assessment} />
        {contribution.suggestedDiagnoses.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              {t('panels.contributions.diagnoses')}
            </Text>
            <List size="sm">
              {contribution.suggestedDiagnoses.map((d) => (
                <List.Item key={`${d.code}-${d.label}`}>{`${d.label} (${d.code})`}</List.Item>
              ))}
            </List>
          </div>
        )}
        <Part label={t('panels.contributions.investigations')} text={contribution.suggestedInvestigations} />
        <Part label={t('panels.contributions.freeText')} text={contribution.freeText} />
      </Stack>
    </Card>
  );
}

/** The experts' contributions; mine editable while the discussion is open, everyone else's listed. */
export function ContributionsView({ panel }: { panel: PanelDetail }) {
  const { t } = useTranslation();
  const me = useSignedInSession().person.id;
  const queryClient = useQueryClient();
  const list = useQuery({ ...contributionsQuery(panel.id), enabled: panel.myRole !== null });
  const [reloads, setReloads] = useState(0);
  const [status, setStatus] = useState('');
  if (panel.myRole === null) return <Text>{panel.myInvitation ? t('panels.contributions.acceptFirst') : t('panels.contributions.membersOnly')}</Text>;
  if (list.isPending) return <LoadingState />;
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const mine = list.data.contributions.find((c) => c.author.personId === me);
  const others = list.data.contributions.filter((c) => c.author.personId !== me);
  // After a conflict: the contribution as it now is, in a fresh form.
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: ['panels', panel.id] });
    setReloads((n) => n + 1);
  };
  return (
    <Stack gap="lg">
      <Text>{t('panels.contributions.counts', { count: list.data.contributions.length, experts: list.data.expertContributionCount })}</Text>
      <Stack gap="sm" component="section" aria-labelledby="my-contribution-heading">
        <Title order={3} size="h4" id="my-contribution-heading">
          {t('panels.contributions.mine')}
        </Title>
        <StatusMessage>{status}</StatusMessage>
        {list.data.canContribute ? (
          <ContributionForm key={`${reloads}:${mine?.version ?? 0}`} panelId={panel.id} mine={mine} onReload={() => void reload()} onSaved={setStatus} />
        ) : (
          <>
            <Text size="sm">{t('panels.contributions.closed')}</Text>
            {mine && <Contribution contribution={mine} />}
          </>
        )}
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="other-contributions-heading">
        <Title order={3} size="h4" id="other-contributions-heading">
          {t('panels.contributions.others')}
        </Title>
        {others.length === 0 && <Text>{t('panels.contributions.noOthers')}</Text>}
        {others.map((c) => (
          <Contribution key={c.id} contribution={c} />
        ))}
      </Stack>
    </Stack>
  );
}
