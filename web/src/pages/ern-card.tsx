import { Card, List, Text, Title } from '@mantine/core';
import type { Ern } from '../../../src/modules/organisations/organisations.contract.ts';
import { useTranslation } from 'react-i18next';

/** One European Reference Network: its name, field and disease groups (with what panels are for). */
export function ErnCard({ ern }: { ern: Ern }) {
  const { t } = useTranslation();
  const headingId = `ern-${ern.code}`;
  return (
    <Card withBorder padding="lg" component="article" aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId}>
        {ern.name}
      </Title>
      <Text size="sm" c="dimmed" mt={4}>
        {t('networks.field')}: {ern.field}
      </Text>
      {ern.diseaseGroups.length === 0 ? (
        <Text size="sm" c="dimmed" mt="sm">
          {t('networks.noDiseaseGroups')}
        </Text>
      ) : (
        <>
          <Title order={3} size="h6" mt="md" mb="xs">
            {t('networks.diseaseGroups')}
          </Title>
          <List size="sm" spacing={6}>
            {ern.diseaseGroups.map((group) => (
              <List.Item key={group.id}>
                {group.name}
                {group.panelUse && (
                  <Text size="xs" c="dimmed" component="span" display="block">
                    {t('networks.panelUse', { use: group.panelUse })}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Card>
  );
}
