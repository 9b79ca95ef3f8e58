import { Radio, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { panelSettingsQuery, panelTypes, panelUrgencies, type PanelType, type PanelUrgency } from '../../api/panels-api.ts';
import { patientListQuery } from '../../api/patients-api.ts';
import { ernListQuery } from '../../api/queries.ts';
import { fieldProblem } from '../../components/problem-alert.tsx';

export interface RequestFieldValues {
  patientId: string | null;
  ernId: string | null;
  diseaseGroupId: string | null;
  type: PanelType | null;
  urgency: PanelUrgency;
  title: string;
  clinicalQuestion: string;
}

export const emptyRequest = (patientId: string | null, ernId: string | null): RequestFieldValues => ({
  patientId,
  ernId,
  diseaseGroupId: null,
  type: null,
  urgency: 'routine',
  title: '',
  clinicalQuestion: '',
});

interface FieldsProps {
  value: RequestFieldValues;
  onChange: (value: RequestFieldValues) => void;
  /** Show what is missing (after "Next" was pressed). */
  showMissing: boolean;
  /** The server's answer, for the fields it names. */
  error: unknown;
}

/** Which fields of a step are missing, by name. */
export function missingCaseFields(value: RequestFieldValues, groupsOfErn: number, withPatient = true): (keyof RequestFieldValues)[] {
  return [
    ...(value.patientId || !withPatient ? [] : (['patientId'] as const)),
    ...(value.ernId ? [] : (['ernId'] as const)),
    ...(value.ernId && groupsOfErn > 0 && !value.diseaseGroupId ? (['diseaseGroupId'] as const) : []),
    ...(value.type ? [] : (['type'] as const)),
  ];
}

export function missingQuestionFields(value: RequestFieldValues): (keyof RequestFieldValues)[] {
  return [...(value.title.trim().length >= 3 ? [] : (['title'] as const)), ...(value.clinicalQuestion.trim().length >= 10 ? [] : (['clinicalQuestion'] as const))];
}

/**
 * Step one: the patient (one of my hospitals'; fixed once the draft exists, not shown when editing it), the
 * owning network and disease group, the type and urgency.
 */
export function CaseFields({ value, onChange, showMissing, error, patient }: FieldsProps & { patient: 'choose' | 'locked' | 'hidden' }) {
  const { t } = useTranslation();
  const patients = useQuery({ ...patientListQuery(''), enabled: patient !== 'hidden' });
  const erns = useQuery(ernListQuery);
  const ern = erns.data?.erns.find((e) => e.id === value.ernId);
  const settings = useQuery({ ...panelSettingsQuery(value.ernId ?? ''), enabled: !!value.ernId });
  const missing = showMissing ? missingCaseFields(value, ern?.diseaseGroups.length ?? 0, patient !== 'hidden') : [];
  const problem = (field: keyof RequestFieldValues, text: string) => fieldProblem(error, field) ?? (missing.includes(field) ? text : undefined);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {patient !== 'hidden' && (
          <Select
            label={t('panels.request.patient')}
            description={t('panels.request.patientHint')}
            data={(patients.data?.patients ?? []).map((p) => ({ value: p.id, label: `${p.patientCode} (${p.nickname})` }))}
            value={value.patientId}
            onChange={(patientId) => onChange({ ...value, patientId })}
            disabled={patient === 'locked'}
            searchable
            required
            error={problem('patientId', t('panels.request.patientMissing'))}
          />
        )}
        <Select
          label={t('panels.request.ern')}
          data={(erns.data?.erns ?? []).map((e) => ({ value: e.id, label: e.name }))}
          value={value.ernId}
          onChange={(ernId) => onChange({ ...value, ernId, diseaseGroupId: null })}
          searchable
          required
          error={problem('ernId', t('panels.request.ernMissing'))}
        />
        <Select
          label={t('panels.request.diseaseGroup')}
          data={(ern?.diseaseGroups ?? []).map((g) => ({ value: g.id, label: g.name }))}
          value={value.diseaseGroupId}
          onChange={(diseaseGroupId) => onChange({ ...value, diseaseGroupId })}
          disabled={!ern || ern.diseaseGroups.length === 0}
          required={!!ern && ern.diseaseGroups.length > 0}
          error={problem('diseaseGroupId', t('panels.request.diseaseGroupMissing'))}
        />
      </SimpleGrid>
      <Radio.Group label={t('panels.request.type')} value={value.type} onChange={(type) => onChange({ ...value, type })} required error={problem('type', t('panels.request.typeMissing'))}>
        <Stack gap="xs" mt="xs">
          {panelTypes.map((type) => (
            <Radio key={type} value={type} label={t(`panels.type.${type}`)} />
          ))}
        </Stack>
      </Radio.Group>
      <Radio.Group label={t('panels.request.urgency')} description={t('panels.request.urgencyHint')} value={value.urgency} onChange={(urgency) => onChange({ ...value, urgency })} required>
        <Stack gap="xs" mt="xs">
          {panelUrgencies.map((urgency) => (
            <Radio
              key={urgency}
              value={urgency}
              label={t(`panels.urgency.${urgency}`)}
              description={settings.data ? t('panels.request.deadlineDays', { count: settings.data.deadlineDays[urgency] }) : undefined}
            />
          ))}
        </Stack>
      </Radio.Group>
    </Stack>
  );
}

/** Step two: a title without names, and the question the experts should answer. */
export function QuestionFields({ value, onChange, showMissing, error }: FieldsProps) {
  const { t } = useTranslation();
  const missing = showMissing ? missingQuestionFields(value) : [];
  return (
    <Stack gap="md">
      <TextInput
        label={t('panels.request.title')}
        description={t('panels.request.titleHint')}
        value={value.title}
        onChange={(e) => onChange({ ...value, title: e.currentTarget.value })}
        required
        maxLength={200}
        error={fieldProblem(error, 'title') ?? (missing.includes('title') ? t('panels.request.titleMissing') : undefined)}
      />
      <Textarea
        label={t('panels.request.clinicalQuestion')}
        description={t('panels.request.clinicalQuestionHint')}
        value={value.clinicalQuestion}
        onChange={(e) => onChange({ ...value, clinicalQuestion: e.currentTarget.value })}
        required
        autosize
        minRows={4}
        maxLength={5000}
        error={fieldProblem(error, 'clinicalQuestion') ?? (missing.includes('clinicalQuestion') ? t('panels.request.clinicalQuestionMissing') : undefined)}
      />
      <Text size="sm">{t('panels.request.noNames')}</Text>
    </Stack>
  );
}
