import { Alert, Checkbox, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { attachmentsQuery, type AttachmentView } from '../../api/attachments-api.ts';
import type { NewShare } from '../../api/panels-api.ts';
import { recordQuery, type CurrentRecord, type RecordSection } from '../../api/records-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';

/** The record's sections in the record's own order. */
export const recordSections: RecordSection[] = ['history', 'phenotypicFeatures', 'laboratoryResults', 'genetics', 'histology', 'diagnoses'];

/** What the person chose: sections, and per file whether it is shared and under which label. */
export interface ShareChoice {
  sections: RecordSection[];
  files: Record<string, { shared: boolean; label: string }>;
}

export const emptyShareChoice = (): ShareChoice => ({ sections: [], files: {} });

/** The choice as the server's share, pinned to this record version. */
export function toShare(choice: ShareChoice, recordVersion: number): NewShare {
  return {
    recordVersion,
    sections: recordSections.filter((s) => choice.sections.includes(s)),
    attachments: Object.entries(choice.files)
      .filter(([, file]) => file.shared)
      .map(([attachmentId, file]) => ({ attachmentId, label: file.label.trim() })),
    studies: [],
  };
}

/** Files that never leave the hospital (signed consent forms identify the patient). */
const shareable = (file: AttachmentView) => file.kind !== 'consentForm';

const hasContent = (record: CurrentRecord, section: RecordSection): boolean => {
  const content = record.content[section];
  if (section === 'history') return record.content.history.medicalHistory !== '' || record.content.history.familyHistory !== '';
  if (section === 'genetics') return record.content.genetics.tests.length + record.content.genetics.variants.length > 0;
  return Array.isArray(content) && content.length > 0;
};

interface ShareFieldsProps {
  patientId: string;
  value: ShareChoice;
  onChange: (value: ShareChoice) => void;
  /** A label left empty for a shared file, after a submit attempt. */
  showMissingLabels: boolean;
}

/**
 * What of the record a panel may see: the current record version (pinned: later changes are shared
 * explicitly), its sections, and chosen files under a label the panel reads instead of the file name.
 */
export function ShareFields({ patientId, value, onChange, showMissingLabels }: ShareFieldsProps) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const record = useQuery(recordQuery(patientId));
  const files = useQuery(attachmentsQuery(patientId));
  if (record.isPending || files.isPending) return <LoadingState />;
  if (record.error) return <QueryError error={record.error} onRetry={() => void record.refetch()} />;
  if (files.error) return <QueryError error={files.error} onRetry={() => void files.refetch()} />;
  if (record.data.version === 0) {
    return (
      <Alert color="red" variant="light" title={t('panels.share.noRecordTitle')}>
        {t('panels.share.noRecord')}
      </Alert>
    );
  }
  const offered = files.data.attachments.filter(shareable);
  const setFile = (id: string, change: Partial<{ shared: boolean; label: string }>, defaultLabel: string) =>
    onChange({ ...value, files: { ...value.files, [id]: { shared: false, label: defaultLabel, ...value.files[id], ...change } } });
  return (
    <Stack gap="md">
      <Text>
        {t('panels.share.version', {
          version: record.data.version,
          name: record.data.updatedBy?.displayName ?? '',
          when: record.data.updatedAt ? format.dateTime(record.data.updatedAt) : '',
        })}
      </Text>
      <Checkbox.Group
        label={t('panels.share.sections')}
        description={t('panels.share.sectionsHint')}
        value={value.sections}
        onChange={(sections) => onChange({ ...value, sections })}
      >
        <Stack gap="xs" mt="xs">
          {recordSections.map((section) => (
            <Checkbox
              key={section}
              value={section}
              label={t(`record.section.${section}`)}
              description={hasContent(record.data, section) ? undefined : t('panels.share.sectionEmpty')}
            />
          ))}
        </Stack>
      </Checkbox.Group>
      <Fieldset legend={t('panels.share.files')} variant="unstyled">
        <Text size="sm" mb="xs">
          {t('panels.share.filesHint')}
        </Text>
        {offered.length === 0 && <Text size="sm">{t('panels.share.noFiles')}</Text>}
        <Stack gap="sm">
          {offered.map((file) => {
            const name = file.fileName ?? t('attachments.unnamed');
            const defaultLabel = file.description ?? t(`attachments.kindValue.${file.kind}`);
            const chosen = value.files[file.id] ?? { shared: false, label: defaultLabel };
            return (
              <Group key={file.id} align="flex-start" gap="md" wrap="wrap">
                <Checkbox
                  checked={chosen.shared}
                  onChange={(e) => setFile(file.id, { shared: e.currentTarget.checked }, defaultLabel)}
                  label={t('panels.share.shareFile', { name })}
                  description={t(`attachments.kindValue.${file.kind}`)}
                  miw="16rem"
                />
                {chosen.shared && (
                  <TextInput
                    label={t('panels.share.fileLabel', { name })}
                    description={t('panels.share.fileLabelHint')}
                    value={chosen.label}
                    onChange={(e) => setFile(file.id, { label: e.currentTarget.value }, defaultLabel)}
                    required
                    maxLength={200}
                    error={showMissingLabels && chosen.label.trim() === '' ? t('panels.share.labelMissing') : undefined}
                    miw="18rem"
                  />
                )}
              </Group>
            );
          })}
        </Stack>
      </Fieldset>
    </Stack>
  );
}
