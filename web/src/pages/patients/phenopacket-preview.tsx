import type { ReactNode } from 'react';
import { Badge, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CurrentRecord, PhenopacketImportResult } from '../../api/records-api.ts';

type Content = CurrentRecord['content'];
type Variant = Content['genetics']['variants'][number];

/** Where in the file a problem or note is: the path inside the phenopacket, or the whole file. */
export function fileLocation(path: string, wholeFile: string): string {
  const inside = path.replace(/^body\.phenopacket\.?/, '');
  return inside === '' ? wholeFile : inside;
}

const variantName = (variant: Variant) =>
  [variant.gene?.symbol, variant.hgvs[0] ?? variant.label ?? variant.structuralType?.label ?? variant.structuralType?.id].filter(Boolean).join(' ');

interface Item {
  id: string;
  text: string;
}

/** The section's items after the import, those the record does not hold yet marked new; and what would go. */
function ItemsAfter({ title, after, before }: { title: string; after: Item[]; before: Item[] }) {
  const { t } = useTranslation();
  const existing = new Set(before.map((item) => item.id));
  const kept = new Set(after.map((item) => item.id));
  const removed = before.filter((item) => !kept.has(item.id));
  return (
    <Stack gap={4}>
      <Title order={4} size="h5">
        {title}
      </Title>
      {after.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('record.empty')}
        </Text>
      ) : (
        <List size="sm">
          {after.map((item) => (
            <List.Item key={item.id}>
              {item.text}
              {!existing.has(item.id) && (
                <Badge ml="xs" size="sm" variant="filled" color="teal.9">
                  {t('phenopacket.new')}
                </Badge>
              )}
            </List.Item>
          ))}
        </List>
      )}
      {removed.length > 0 && <Text size="sm">{t('phenopacket.removed', { items: removed.map((item) => item.text).join('; ') })}</Text>}
    </Stack>
  );
}

function Notes({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Title order={4} size="h5">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** What an import would make of the record: the sections it changes, their items, and what the record cannot hold. */
export function PhenopacketPreview({ result, current }: { result: PhenopacketImportResult; current: Content }) {
  const { t } = useTranslation();
  const after = result.content;
  const features = (content: Content) => content.phenotypicFeatures.map((f) => ({ id: f.id, text: `${f.type.label ?? ''} (${f.type.id})${f.excluded ? ` — ${t('record.excluded')}` : ''}` }));
  const diagnoses = (content: Content) => content.diagnoses.map((d) => ({ id: d.id, text: `${d.term.label ?? ''} (${d.term.id}) — ${t(`record.diagnosisStatus.${d.status}`)}` }));
  const variants = (content: Content) => content.genetics.variants.map((v) => ({ id: v.id, text: variantName(v) }));
  const newResults = after.laboratoryResults.filter((r) => !current.laboratoryResults.some((c) => c.id === r.id)).length;
  return (
    <Stack gap="sm" component="section" aria-labelledby="phenopacket-preview-heading">
      <Title order={3} size="h4" id="phenopacket-preview-heading">
        {t('phenopacket.previewTitle')}
      </Title>
      <Text>
        {result.changedSections.length === 0
          ? t('phenopacket.nothingChanges')
          : t('phenopacket.changes', { sections: result.changedSections.map((section) => t(`record.section.${section}`)).join(', ') })}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        <ItemsAfter title={t('record.section.phenotypicFeatures')} after={features(after)} before={features(current)} />
        <ItemsAfter title={t('record.section.diagnoses')} after={diagnoses(after)} before={diagnoses(current)} />
        <ItemsAfter title={t('phenopacket.variants')} after={variants(after)} before={variants(current)} />
      </SimpleGrid>
      <Text size="sm">{t('phenopacket.laboratory', { total: after.laboratoryResults.length, new: newResults })}</Text>
      <Notes title={t('phenopacket.notImportedTitle')}>
        {result.notImported.length === 0 ? (
          <Text size="sm">{t('phenopacket.allImported')}</Text>
        ) : (
          <List size="sm">
            {result.notImported.map((note) => (
              <List.Item key={`${note.path}:${note.message}`}>{`${fileLocation(note.path, t('phenopacket.wholeFile'))}: ${note.message}`}</List.Item>
            ))}
          </List>
        )}
      </Notes>
    </Stack>
  );
}
