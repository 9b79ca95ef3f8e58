import { Alert, Button, Fieldset, Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-client.ts';
import { outcomeReportsKey, saveOutcomeDraft, type OutcomeReportDraft } from '../../api/outcome-reports-api.ts';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { OrphanetAutocomplete } from '../patients/orphanet-autocomplete.tsx';

type DiagnosisStatus = OutcomeReportDraft['diagnoses'][number]['status'];
const statuses: DiagnosisStatus[] = ['suspected', 'confirmed', 'excluded'];

interface Diagnosis {
  key: number;
  code: string;
  label: string;
  status: DiagnosisStatus;
}

let nextKey = 0;
const row = (code = '', label = '', status: DiagnosisStatus = 'suspected'): Diagnosis => ({ key: (nextKey += 1), code, label, status });

export const emptyDraft: OutcomeReportDraft = { summary: '', conclusion: '', diagnoses: [], recommendations: { investigations: '', treatment: '', followUp: '' } };

/**
 * The lead's editor of one version's draft: summary, conclusion, coded diagnoses (ORPHA, ICD-10, OMIM),
 * recommendations. Each save names the revision it was edited on, so a save made elsewhere in between is
 * never overwritten: the lead is told, reloads and makes the change again.
 */
export function OutcomeDraftEditor({ panelId, version, revision, draft, onReload, onSaved }: { panelId: string; version: number; revision: number; draft: OutcomeReportDraft; onReload: () => void; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [baseRevision, setBaseRevision] = useState(revision);
  const [summary, setSummary] = useState(draft.summary);
  const [conclusion, setConclusion] = useState(draft.conclusion);
  const [diagnoses, setDiagnoses] = useState<Diagnosis[]>(() => draft.diagnoses.map((d) => row(d.code, d.label, d.status)));
  const [investigations, setInvestigations] = useState(draft.recommendations.investigations);
  const [treatment, setTreatment] = useState(draft.recommendations.treatment);
  const [followUp, setFollowUp] = useState(draft.recommendations.followUp);
  const mutation = useMutation({
    mutationFn: () =>
      saveOutcomeDraft(panelId, version, {
        expectedRevision: baseRevision,
        summary: summary.trim(),
        conclusion: conclusion.trim(),
        diagnoses: diagnoses.filter((d) => d.code.trim() || d.label.trim()).map((d) => ({ code: d.code.trim(), label: d.label.trim(), status: d.status })),
        recommendations: { investigations: investigations.trim(), treatment: treatment.trim(), followUp: followUp.trim() },
      }),
    onSuccess: async (saved) => {
      setBaseRevision(saved.revision);
      onSaved(t('outcomeReport.draft.saved', { version: saved.version, revision: saved.revision }));
      await queryClient.invalidateQueries({ queryKey: outcomeReportsKey(panelId) });
    },
  });
  const conflict = mutation.error instanceof ApiError && mutation.error.status === 409 ? mutation.error : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSaved('');
    mutation.mutate();
  };
  const setRow = (key: number, change: Partial<Diagnosis>) => setDiagnoses((rows) => rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const diagnosisProblem = (index: number, field: 'code' | 'label') => fieldProblem(mutation.error, `diagnoses.${index}.${field}`);
  return (
    <form onSubmit={submit} noValidate aria-label={t('outcomeReport.draft.formLabel', { version })}>
      <Stack gap="md">
        {conflict ? (
          <Alert color="red" variant="light" role="alert" title={t('outcomeReport.draft.conflictTitle')}>
            <Text size="sm" mb="sm">
              {conflict.message}
            </Text>
            <Button size="xs" variant="outline" color="red.9" onClick={onReload}>
              {t('outcomeReport.draft.reload')}
            </Button>
          </Alert>
        ) : (
          <ProblemAlert error={mutation.error} title={t('outcomeReport.draft.saveFailed')} />
        )}
        <Textarea label={t('outcomeReport.fields.summary')} description={t('outcomeReport.draft.summaryHint')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} autosize minRows={4} maxLength={50_000} error={fieldProblem(mutation.error, 'summary')} />
        <Textarea label={t('outcomeReport.fields.conclusion')} value={conclusion} onChange={(e) => setConclusion(e.currentTarget.value)} autosize minRows={3} maxLength={50_000} error={fieldProblem(mutation.error, 'conclusion')} />
        <Fieldset legend={t('outcomeReport.fields.diagnoses')}>
          <Stack gap="sm">
            <OrphanetAutocomplete onPick={(hit) => setDiagnoses((rows) => [...rows, row(hit.code, hit.label)])} />
            {diagnoses.map((diagnosis, index) => (
              <Group key={diagnosis.key} align="flex-end" gap="sm" wrap="wrap">
                <TextInput label={t('outcomeReport.draft.code', { n: index + 1 })} description={t('outcomeReport.draft.codeHint')} value={diagnosis.code} onChange={(e) => setRow(diagnosis.key, { code: e.currentTarget.value })} error={diagnosisProblem(index, 'code')} w="14rem" />
                <TextInput label={t('outcomeReport.draft.diagnosisLabel', { n: index + 1 })} value={diagnosis.label} onChange={(e) => setRow(diagnosis.key, { label: e.currentTarget.value })} error={diagnosisProblem(index, 'label')} miw="14rem" style={{ flexGrow: 1 }} />
                <Select
                  label={t('outcomeReport.draft.status', { n: index + 1 })}
                  data={statuses.map((value) => ({ value, label: t(`outcomeReport.diagnosisStatus.${value}`) }))}
                  value={diagnosis.status}
                  onChange={(value) => setRow(diagnosis.key, { status: value ?? 'suspected' })}
                  allowDeselect={false}
                  w="10rem"
                />
                <Button variant="default" onClick={() => setDiagnoses((rows) => rows.filter((r) => r.key !== diagnosis.key))} aria-label={t('outcomeReport.draft.removeDiagnosis', { n: index + 1 })}>
                  {t('outcomeReport.draft.remove')}
                </Button>
              </Group>
            ))}
            <Group>
              <Button variant="default" onClick={() => setDiagnoses((rows) => [...rows, row()])}>
                {t('outcomeReport.draft.addDiagnosis')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
        <Fieldset legend={t('outcomeReport.fields.recommendations')}>
          <Stack gap="sm">
            <Textarea label={t('outcomeReport.fields.investigations')} value={investigations} onChange={(e) => setInvestigations(e.currentTarget.value)} autosize minRows={2} maxLength={20_000} error={fieldProblem(mutation.error, 'recommendations.investigations')} />
            <Textarea label={t('outcomeReport.fields.treatment')} value={treatment} onChange={(e) => setTreatment(e.currentTarget.value)} autosize minRows={2} maxLength={20_000} error={fieldProblem(mutation.error, 'recommendations.treatment')} />
            <Textarea label={t('outcomeReport.fields.followUp')} value={followUp} onChange={(e) => setFollowUp(e.currentTarget.value)} autosize minRows={2} maxLength={20_000} error={fieldProblem(mutation.error, 'recommendations.followUp')} />
          </Stack>
        </Fieldset>
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {t('outcomeReport.draft.save')}
          </Button>
          {baseRevision > 0 && <Text size="sm">{t('outcomeReport.draft.editingRevision', { revision: baseRevision })}</Text>}
        </Group>
      </Stack>
    </form>
  );
}
