import { Alert, Button, Fieldset, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-client.ts';
import { saveContribution, type ContributionView } from '../../api/panels-api.ts';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { OrphanetAutocomplete } from '../patients/orphanet-autocomplete.tsx';

interface Diagnosis {
  key: number;
  code: string;
  label: string;
}

let nextKey = 0;
const row = (code = '', label = ''): Diagnosis => ({ key: (nextKey += 1), code, label });

/** The server names a bad code by its index (body.suggestedDiagnoses.<n>.code). */
const diagnosisProblem = (error: unknown, index: number, field: 'code' | 'label') => fieldProblem(error, `suggestedDiagnoses.${index}.${field}`);

/**
 * My contribution: assessment, suggested diagnoses with their codes (ORPHA, ICD-10, OMIM), suggested
 * investigations, free text. Saved against the version I opened: a change saved elsewhere in between
 * is never overwritten — the person reloads and makes their change again.
 */
export function ContributionForm({ panelId, mine, onReload, onSaved }: { panelId: string; mine: ContributionView | undefined; onReload: () => void; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [assessment, setAssessment] = useState(mine?.assessment ?? '');
  const [diagnoses, setDiagnoses] = useState<Diagnosis[]>(() => (mine?.suggestedDiagnoses ?? []).map((d) => row(d.code, d.label)));
  const [investigations, setInvestigations] = useState(mine?.suggestedInvestigations ?? '');
  const [freeText, setFreeText] = useState(mine?.freeText ?? '');
  const mutation = useMutation({
    mutationFn: () =>
      saveContribution(panelId, {
        expectedVersion: mine?.version ?? 0,
        assessment: assessment.trim(),
        suggestedDiagnoses: diagnoses.filter((d) => d.code.trim() || d.label.trim()).map((d) => ({ code: d.code.trim(), label: d.label.trim() })),
        suggestedInvestigations: investigations.trim(),
        freeText: freeText.trim(),
      }),
    onSuccess: async (saved) => {
      onSaved(t('panels.contributions.saved', { version: saved.version }));
      await queryClient.invalidateQueries({ queryKey: ['panels', panelId] });
    },
  });
  const conflict = mutation.error instanceof ApiError && mutation.error.status === 409 ? mutation.error : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSaved('');
    mutation.mutate();
  };
  const setRow = (key: number, change: Partial<Diagnosis>) => setDiagnoses((rows) => rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  return (
    <form onSubmit={submit} noValidate aria-label={t('panels.contributions.formLabel')}>
      <Stack gap="md">
        {conflict ? (
          <Alert color="red" variant="light" role="alert" title={t('panels.contributions.conflictTitle')}>
            <Text size="sm" mb="sm">
              {conflict.message}
            </Text>
            <Button size="xs" variant="outline" color="red.9" onClick={onReload}>
              {t('panels.contributions.reload')}
            </Button>
          </Alert>
        ) : (
          <ProblemAlert error={mutation.error} title={t('panels.contributions.saveFailed')} />
        )}
        <Textarea label={t('panels.contributions.assessment')} description={t('panels.contributions.assessmentHint')} value={assessment} onChange={(e) => setAssessment(e.currentTarget.value)} autosize minRows={4} maxLength={20_000} error={fieldProblem(mutation.error, 'assessment')} />
        <Fieldset legend={t('panels.contributions.diagnoses')}>
          <Stack gap="sm">
            <OrphanetAutocomplete onPick={(hit) => setDiagnoses((rows) => [...rows, row(hit.code, hit.label)])} />
            {diagnoses.map((diagnosis, index) => (
              <Group key={diagnosis.key} align="flex-end" gap="sm" wrap="wrap">
                <TextInput
                  label={t('panels.contributions.code', { n: index + 1 })}
                  description={t('panels.contributions.codeHint')}
                  value={diagnosis.code}
                  onChange={(e) => setRow(diagnosis.key, { code: e.currentTarget.value })}
                  error={diagnosisProblem(mutation.error, index, 'code')}
                  w="14rem"
                />
                <TextInput
                  label={t('panels.contributions.diagnosisLabel', { n: index + 1 })}
                  value={diagnosis.label}
                  onChange={(e) => setRow(diagnosis.key, { label: e.currentTarget.value })}
                  error={diagnosisProblem(mutation.error, index, 'label')}
                  miw="16rem"
                  style={{ flexGrow: 1 }}
                />
                <Button variant="default" onClick={() => setDiagnoses((rows) => rows.filter((r) => r.key !== diagnosis.key))} aria-label={t('panels.contributions.removeDiagnosis', { n: index + 1 })}>
                  {t('panels.contributions.remove')}
                </Button>
              </Group>
            ))}
            <Group>
              <Button variant="default" onClick={() => setDiagnoses((rows) => [...rows, row()])}>
                {t('panels.contributions.addDiagnosis')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
        <Textarea label={t('panels.contributions.investigations')} value={investigations} onChange={(e) => setInvestigations(e.currentTarget.value)} autosize minRows={3} maxLength={10_000} error={fieldProblem(mutation.error, 'suggestedInvestigations')} />
        <Textarea label={t('panels.contributions.freeText')} value={freeText} onChange={(e) => setFreeText(e.currentTarget.value)} autosize minRows={3} maxLength={20_000} error={fieldProblem(mutation.error, 'freeText')} />
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {mine ? t('panels.contributions.update') : t('panels.contributions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
