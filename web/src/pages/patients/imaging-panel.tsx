import { Alert, Button, Card, Group, List, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-client.ts';
import { StudyViewerButton } from '../imaging/study-viewer-button.tsx';
import { deidentificationKey, storedInstances, studiesQuery, uploadInstance } from '../../api/imaging-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { QueryError } from '../../components/query-error.tsx';
import type { DeidentifyAnswer, DeidentifyRequest } from './deidentify-worker.ts';

type Outcome = 'stored' | 'skipped' | 'notDicom' | 'needsMasks' | 'cannotMask' | 'identifying' | 'failed';

interface StudyProgress {
  total: number;
  done: number;
}

interface Run {
  files: number;
  processed: number;
  studies: Record<string, StudyProgress>;
  outcomes: Partial<Record<Outcome, number>>;
  /** Files to send again after a failure (the connection dropped): a resume sends only these. */
  retry: File[];
  running: boolean;
}

/** Every file of a dropped folder (recursively), or the dropped files. */
async function droppedFiles(event: DragEvent): Promise<File[]> {
  const entries = [...event.dataTransfer.items].map((item) => item.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null);
  const files: File[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      files.push(await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)));
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await walk(child);
    }
  };
  for (const entry of entries) await walk(entry);
  return files;
}

/**
 * The patient's imaging studies (enrolling hospital's staff): a folder or files dropped here are
 * de-identified in this browser (a Web Worker), then sent one file at a time; files the server already has
 * are skipped, so choosing the folder again resumes an interrupted upload. Images with burned-in text are
 * refused here with the reason (masking them in the browser is not built yet).
 */
export function ImagingPanel({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const studies = useQuery(studiesQuery(patientId));
  const [run, setRun] = useState<Run | null>(null);
  const [error, setError] = useState('');
  const folderInput = useRef<HTMLInputElement>(null);
  const filesInput = useRef<HTMLInputElement>(null);

  async function upload(files: File[]) {
    if (files.length === 0 || run?.running) return;
    setError('');
    const state: Run = { files: files.length, processed: 0, studies: {}, outcomes: {}, retry: [], running: true };
    const publish = () => setRun({ ...state, studies: { ...state.studies }, outcomes: { ...state.outcomes } });
    const count = (outcome: Outcome) => {
      state.outcomes[outcome] = (state.outcomes[outcome] ?? 0) + 1;
    };
    publish();
    const worker = new Worker(new URL('./deidentify-worker.ts', import.meta.url), { type: 'module' });
    const pending = new Map<number, (answer: DeidentifyAnswer) => void>();
    worker.addEventListener('message', (event: MessageEvent<DeidentifyAnswer>) => pending.get(event.data.id)?.(event.data));
    const stored = new Map<string, Promise<Set<string>>>();
    try {
      const key = await deidentificationKey(patientId);
      for (const [id, file] of files.entries()) {
        const answer = await new Promise<DeidentifyAnswer>((resolve) => {
          pending.set(id, resolve);
          const request: DeidentifyRequest = { id, file, key };
          worker.postMessage(request);
        });
        pending.delete(id);
        if (!answer.ok) {
          count(answer.reason);
        } else {
          const study = (state.studies[answer.studyInstanceUid] ??= { total: 0, done: 0 });
          study.total += 1;
          const seriesKey = `${answer.studyInstanceUid}/${answer.seriesInstanceUid}`;
          if (!stored.has(seriesKey)) stored.set(seriesKey, storedInstances(patientId, answer.studyInstanceUid, answer.seriesInstanceUid));
          try {
            if ((await stored.get(seriesKey)!).has(answer.sopInstanceUid)) count('skipped');
            else count((await uploadInstance(patientId, answer.bytes)).status === 'stored' ? 'stored' : 'skipped');
            study.done += 1;
          } catch (failure) {
            if (failure instanceof ApiError && failure.status === 422) count('identifying');
            else {
              count('failed');
              state.retry.push(file);
            }
          }
        }
        state.processed += 1;
        publish();
      }
    } catch {
      setError(t('imaging.failed'));
    } finally {
      worker.terminate();
      state.running = false;
      publish();
      void queryClient.invalidateQueries({ queryKey: studiesQuery(patientId).queryKey });
    }
  }

  const chosen = (input: HTMLInputElement | null) => {
    const files = [...(input?.files ?? [])];
    if (input) input.value = '';
    void upload(files);
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="imaging-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="imaging-heading">
          {t('imaging.title')}
        </Title>
        <Text>{t('imaging.intro')}</Text>
        <Card
          withBorder
          padding="md"
          onDragOver={(event) => event.preventDefault()}
          onDrop={(event) => {
            event.preventDefault();
            void droppedFiles(event).then(upload);
          }}
        >
          <Group>
            <Text>{t('imaging.dropHere')}</Text>
            <Button variant="default" onClick={() => folderInput.current?.click()} disabled={run?.running}>
              {t('imaging.chooseFolder')}
            </Button>
            <Button variant="default" onClick={() => filesInput.current?.click()} disabled={run?.running}>
              {t('imaging.chooseFiles')}
            </Button>
          </Group>
          <input ref={folderInput} type="file" hidden aria-label={t('imaging.chooseFolder')} onChange={() => chosen(folderInput.current)} {...{ webkitdirectory: '' }} />
          <input ref={filesInput} type="file" hidden multiple aria-label={t('imaging.chooseFiles')} onChange={() => chosen(filesInput.current)} />
        </Card>
        {error && <Alert color="red" title={error} />}
        {run && (
          <Stack gap="xs" aria-live="polite">
            <Text>{run.running ? t('imaging.progress', { processed: run.processed, files: run.files }) : t('imaging.finished', { processed: run.processed, files: run.files })}</Text>
            {Object.entries(run.studies).map(([uid, study], index) => (
              <Progress key={uid} value={study.total ? (study.done / study.total) * 100 : 0} aria-label={t('imaging.studyProgress', { n: index + 1, done: study.done, total: study.total })} />
            ))}
            <List size="sm">
              {(Object.entries(run.outcomes) as [Outcome, number][]).map(([outcome, n]) => (
                <List.Item key={outcome}>{t(`imaging.outcome.${outcome}`, { count: n })}</List.Item>
              ))}
            </List>
            {!run.running && run.retry.length > 0 && (
              <Button onClick={() => void upload(run.retry)} w="fit-content">
                {t('imaging.resume', { count: run.retry.length })}
              </Button>
            )}
          </Stack>
        )}
        {studies.isPending && <LoadingState />}
        {studies.error && <QueryError error={studies.error} onRetry={() => void studies.refetch()} />}
        {studies.data && studies.data.studies.length === 0 && <Text>{t('imaging.empty')}</Text>}
        {studies.data && studies.data.studies.length > 0 && (
          <Table verticalSpacing="xs">
            <Table.Caption>{t('imaging.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('imaging.modalities')}</Table.Th>
                <Table.Th scope="col">{t('imaging.studyDate')}</Table.Th>
                <Table.Th scope="col">{t('imaging.series')}</Table.Th>
                <Table.Th scope="col">{t('imaging.images')}</Table.Th>
                <Table.Th scope="col">{t('imaging.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {studies.data.studies.map((study) => (
                <Table.Tr key={study.id}>
                  <Table.Th scope="row">{study.modalities.join(', ')}</Table.Th>
                  <Table.Td>{study.studyDate ? `${study.studyDate.slice(0, 4)}-${study.studyDate.slice(4, 6)}-${study.studyDate.slice(6, 8)}` : '—'}</Table.Td>
                  <Table.Td>{study.seriesCount}</Table.Td>
                  <Table.Td>{study.instanceCount}</Table.Td>
                  <Table.Td>
                    <StudyViewerButton dicomweb={`/api/patients/${encodeURIComponent(patientId)}/dicomweb`} studyInstanceUid={study.studyInstanceUid} label={study.label ?? study.modalities.join(', ')} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
