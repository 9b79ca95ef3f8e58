import { SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PanelDetail } from '../../api/panels-api.ts';
import { DeadlineText, PanelStatusBadge } from './panel-badges.tsx';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500}>
        {children}
      </Text>
    </div>
  );
}

/** What the panel is, where it stands, who leads it, and the patient as panels see them: pseudonymised, never the identity. */
export function PanelFacts({ panel }: { panel: PanelDetail }) {
  const { t } = useTranslation();
  const { patient } = panel;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} component="dl" m={0} aria-label={t('panels.facts.label')}>
      <Fact label={t('panels.facts.status')}>
        <PanelStatusBadge status={panel.status} />
      </Fact>
      <Fact label={t('panels.facts.deadline')}>
        <DeadlineText deadlineAt={panel.deadlineAt} overdue={panel.overdue} />
      </Fact>
      <Fact label={t('panels.facts.ern')}>{[panel.ern.name, panel.diseaseGroup?.name].filter(Boolean).join(' · ')}</Fact>
      <Fact label={t('panels.facts.typeUrgency')}>{`${t(`panels.type.${panel.type}`)} · ${t(`panels.urgency.${panel.urgency}`)}`}</Fact>
      <Fact label={t('panels.facts.lead')}>{panel.lead?.displayName ?? t('common.none')}</Fact>
      <Fact label={t('panels.facts.requester')}>{`${panel.requester.displayName} · ${panel.requester.hospitalName}`}</Fact>
      <Fact label={t('panels.facts.patient')}>
        <Text span ff="monospace" fw={700}>
          {patient.patientCode}
        </Text>
        {` · ${t(`patients.sexValue.${patient.sex}`)} · ${patient.yearOfBirth === null ? t('panels.facts.yearUnknown') : t('panels.facts.born', { year: patient.yearOfBirth })} · ${patient.country}`}
      </Fact>
      <Fact label={t('panels.facts.contributions')}>{t('panels.facts.contributionCounts', { count: panel.contributionCount, experts: panel.expertContributionCount })}</Fact>
    </SimpleGrid>
  );
}
