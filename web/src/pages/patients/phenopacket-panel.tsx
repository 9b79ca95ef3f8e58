import { Alert, Button, Card, FileInput, Group, List, Radio, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-client.ts';
import { importPhenopacket, phenopacketExportHref, recordQuery, type PhenopacketImportResult } from '../../api/records-api.ts';
import { StatusMessage } from '../../components/status-message.tsx';
import { isConflict, SaveProblem } from './conflict-alert.tsx';
import { fileLocation, PhenopacketPreview } from './phenopacket-preview.tsx';

type Mode = 'merge' | 'replace';

/** A file read in the browser: its JSON, or why it could not be read. */
type Reading = { file: File; packet: unknown } | { file: File; unreadable: true };

/** The problems the server listed for a file it refused (422), each where in the file it is. */
function FileProblems({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const problems = error.problem?.problems ?? [];
  return (
    <Alert color="red" variant="light" role="alert" title={t('phenopacket.refused')}>
      <Text size="sm" mb={problems.length > 0 ? 'xs' : 0}>
        {error.problem?.detail ?? t('phenopacket.refusedText')}
      </Text>
      <List size="sm" aria-label={t('phenopacket.problemsLabel')}>
        {problems.map((problem) => (
          <List.Item key={`${problem.path}:${problem.message}`}>{`${fileLocation(problem.path, t('phenopacket.wholeFile'))}: ${problem.message}`}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** Another failure than a refused file or a conflict: a file too large for the server, no connection… */
function OtherProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error || isConflict(error) || (error instanceof ApiError && error.status === 422)) return null;
  const text = error instanceof ApiError ? (error.status === 413 ? t('phenopacket.tooLarge') : (error.problem?.detail ?? t('common.failedStatus', { status: error.status }))) : t('common.unreachable');
  return (
    <Alert color="red" variant="light" role="alert" title={t('phenopacket.failed')}>
      {text}
    </Alert>
  );
}

/**
 * Imports a GA4GH Phenopacket v2 (a .json file read in the browser): first a preview of what the record
 * would become, with the server's problems for a bad file; the import itself only once confirmed.
 */
function PhenopacketImport({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const record = useQuery(recordQuery(patientId));
  const [reading, setReading] = useState<Reading | null>(null);
  const [mode, setMode] = useState<Mode>('merge');
  const [preview, setPreview] = useState<PhenopacketImportResult | null>(null);
  const [done, setDone] = useState('');
  const packet = reading && 'packet' in reading ? reading.packet : undefined;

  const check = useMutation({
    mutationFn: () => importPhenopacket(patientId, { expectedVersion: record.data?.version ?? 0, mode, preview: true, phenopacket: packet }),
    onSuccess: setPreview,
  });
  const save = useMutation({
    mutationFn: (previewed: PhenopacketImportResult) => importPhenopacket(patientId, { expectedVersion: previewed.version, mode, phenopacket: packet }),
    onSuccess: async (result) => {
      setReading(null);
      setPreview(null);
      setDone(t('phenopacket.imported', { version: result.version }));
      await queryClient.invalidateQueries({ queryKey: ['patients', patientId, 'record'] });
    },
  });
  const startOver = () => {
    setPreview(null);
    check.reset();
    save.reset();
    setDone('');
  };
  const choose = (file: File | null) => {
    startOver();
    if (!file) {
      setReading(null);
      return;
    }
    file
      .text()
      .then((text) => setReading({ file, packet: JSON.parse(text) as unknown }))
      .catch(() => setReading({ file, unreadable: true }));
  };
  const reload = async () => {
    startOver();
    await queryClient.invalidateQueries({ queryKey: ['patients', patientId, 'record'] });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    startOver();
    check.mutate();
  };
  const conflict = check.error ?? save.error;

  return (
    <Stack gap="sm">
      <Title order={3} size="h4" id="phenopacket-import-heading">
        {t('phenopacket.importTitle')}
      </Title>
      <form onSubmit={submit} noValidate aria-labelledby="phenopacket-import-heading">
        <Stack gap="sm">
          <FileInput
            label={t('phenopacket.file')}
            description={t('phenopacket.fileHint')}
            placeholder={t('phenopacket.choose')}
            accept=".json,application/json"
            value={reading?.file ?? null}
            onChange={choose}
            clearable
            clearButtonProps={{ 'aria-label': t('phenopacket.clearFile') }}
            error={reading && 'unreadable' in reading ? t('phenopacket.notJson') : undefined}
          />
          <Radio.Group
            label={t('phenopacket.mode')}
            value={mode}
            onChange={(value) => {
              setMode(value);
              startOver();
            }}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="merge" label={t('phenopacket.modeValue.merge')} description={t('phenopacket.modeHint.merge')} />
              <Radio value="replace" label={t('phenopacket.modeValue.replace')} description={t('phenopacket.modeHint.replace')} />
            </Stack>
          </Radio.Group>
          <Group>
            <Button type="submit" variant={preview ? 'default' : 'filled'} disabled={packet === undefined || record.data === undefined} loading={check.isPending}>
              {t('phenopacket.preview')}
            </Button>
          </Group>
        </Stack>
      </form>
      <FileProblems error={check.error ?? save.error} />
      <OtherProblem error={check.error ?? save.error} />
      {isConflict(conflict) && <SaveProblem error={conflict} onReload={() => void reload()} />}
      {preview && record.data && (
        <Card withBorder padding="md">
          <Stack gap="sm">
            <PhenopacketPreview result={preview} current={record.data.content} />
            <Group>
              <Button onClick={() => save.mutate(preview)} loading={save.isPending} disabled={preview.changedSections.length === 0}>
                {t('phenopacket.confirm')}
              </Button>
              <Button variant="default" onClick={startOver}>
                {t('phenopacket.discard')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      <StatusMessage>{done}</StatusMessage>
    </Stack>
  );
}

/** Phenopacket exchange: the export for whoever sees the record, the import for the enrolling hospital's staff. */
export function PhenopacketPanel({ patientId, canImport }: { patientId: string; canImport: boolean }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="phenopacket-heading">
      <Stack gap="md">
        <Title order={2} size="h3" id="phenopacket-heading">
          {t('phenopacket.title')}
        </Title>
        <Stack gap="xs">
          <Text>{t('phenopacket.exportText')}</Text>
          <Group>
            <Button component="a" href={phenopacketExportHref(patientId)} download variant="default">
              {t('phenopacket.export')}
            </Button>
          </Group>
        </Stack>
        {canImport && <PhenopacketImport patientId={patientId} />}
      </Stack>
    </Card>
  );
}
