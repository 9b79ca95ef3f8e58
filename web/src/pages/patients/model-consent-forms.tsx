import { Anchor, List, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { consentTemplatesQuery, consentTemplateUrl, type ConsentKind } from '../../api/consent-api.ts';

/** The model forms in use for this kind of consent and language, to download, print and have signed. */
export function ModelConsentForms({ kind, language }: { kind: ConsentKind; language: string }) {
  const { t } = useTranslation();
  const code = language.trim().toLowerCase();
  const valid = /^[a-z]{2}$/.test(code);
  const templates = useQuery({ ...consentTemplatesQuery({ kind, language: code }), enabled: valid });
  if (!valid || !templates.data) return null;
  const kindLabel = t(`consent.kindValue.${kind}`);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('consent.modelForms')}
      </Text>
      {templates.data.templates.length === 0 ? (
        <Text size="sm">{t('consent.noModelForm', { kind: kindLabel, language: code })}</Text>
      ) : (
        <List size="sm" aria-label={t('consent.modelForms')}>
          {templates.data.templates.map((template) => (
            <List.Item key={template.id}>
              <Anchor href={consentTemplateUrl(template.id)} download={template.fileName}>
                {t('consent.downloadModelForm', { title: template.title, version: template.version })}
              </Anchor>
              {template.ernCode && ` (${template.ernCode.toUpperCase()})`}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
