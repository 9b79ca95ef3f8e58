import { Alert, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentKind } from '../../api/attachments-api.ts';
import { panelCaseQuery, sharedFileHref, type PanelDetail } from '../../api/panels-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';
import { CaseSections } from './case-sections.tsx';

const kinds: readonly AttachmentKind[] = ['document', 'image', 'photograph', 'vcf', 'report', 'consentForm'];
const isKind = (kind: string): kind is AttachmentKind => (kinds as readonly string[]).includes(kind);

/** A size in the person's language (decimal units, as file managers show them). */
function useFileSize() {
  const { i18n } = useTranslation();
  return (bytes: number) => {
    const [value, unit] = bytes < 1000 ? [bytes, 'byte'] : bytes < 1_000_000 ? [bytes / 1000, 'kilobyte'] : [bytes / 1_000_000, 'megabyte'];
    return new Intl.NumberFormat(i18n.language, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
  };
}

/**
 * The case as the panel was given it: the shared sections of the pinned version and the shared files
 * (downloaded under their labels), an earlier share on request — or, when care consent was withdrawn,
 * why there is nothing to see.
 */
export function PanelCaseView({ panel }: { panel: PanelDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const size = useFileSize();
  const [seq, setSeq] = useState<number>();
  const shown = useQuery({ ...panelCaseQuery(panel.id, seq), enabled: panel.can.viewCase });
  if (!panel.can.viewCase) return <Text>{panel.myInvitation ? t('panels.case.acceptFirst') : t('panels.case.membersOnly')}</Text>;
  if (shown.isPending) return <LoadingState />;
  if (shown.error) return <QueryError error={shown.error} onRetry={() => void shown.refetch()} />;
  const data = shown.data;
  if (data.withheld) {
    return (
      <Alert color="red" variant="light" title={t('panels.case.withheldTitle')}>
        {data.withheld.message}
      </Alert>
    );
  }
  if (!data.share || !data.content) return <Text>{t('panels.case.nothingShared')}</Text>;
  const latest = data.shareHistory[0]?.seq === data.share.seq;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Text aria-live="polite">
          {t('panels.case.shareLine', { version: data.share.recordVersion, name: data.share.sharedBy.displayName, when: format.dateTime(data.share.sharedAt) })}
        </Text>
        {data.shareHistory.length > 1 && (
          <Select
            label={t('panels.case.shareHistory')}
            data={data.shareHistory.map((s) => ({ value: String(s.seq), label: t('panels.case.shareOption', { seq: s.seq, version: s.recordVersion, when: format.date(s.sharedAt) }) }))}
            value={String(data.share.seq)}
            onChange={(value) => setSeq(value === String(data.shareHistory[0]?.seq) ? undefined : Number(value))}
            allowDeselect={false}
            w="20rem"
          />
        )}
      </Group>
      {!latest && <Text fw={500}>{t('panels.case.earlierShare')}</Text>}
      {data.share.sections.length > 0 ? <CaseSections content={data.content} sections={data.share.sections} /> : <Text>{t('panels.case.noSections')}</Text>}
      <Stack gap="xs" component="section" aria-labelledby="shared-files-heading">
        <Title order={4} size="h5" id="shared-files-heading">
          {t('panels.case.files')}
        </Title>
        {data.attachments.length === 0 ? (
          <Text size="sm">{t('panels.case.noFiles')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs">
              <Table.Caption>{t('panels.case.filesCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('panels.case.fileLabel')}</Table.Th>
                  <Table.Th scope="col">{t('attachments.kind')}</Table.Th>
                  <Table.Th scope="col">{t('attachments.size')}</Table.Th>
                  <Table.Th scope="col">{t('attachments.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.attachments.map((file) => (
                  <Table.Tr key={file.id}>
                    <Table.Th scope="row" fw={500}>
                      {file.label}
                    </Table.Th>
                    <Table.Td>{isKind(file.kind) ? t(`attachments.kindValue.${file.kind}`) : file.kind}</Table.Td>
                    <Table.Td>{size(file.size)}</Table.Td>
                    <Table.Td>
                      {latest ? (
                        <Button component="a" size="xs" variant="default" href={sharedFileHref(panel.id, file.id)} download aria-label={t('panels.case.downloadNamed', { label: file.label })}>
                          {t('attachments.download')}
                        </Button>
                      ) : (
                        <Text size="sm">{t('panels.case.onlyLatest')}</Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Stack>
  );
}
