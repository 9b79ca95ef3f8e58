import { Anchor, Card, List, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/use-session.ts';
import { useDateFormat } from '../../i18n/use-date-format.ts';

/** What the signed-in person holds: role, hospital, network, and until when; or how to ask for access. */
export function MyAffiliations({ headingLevel }: { headingLevel: 2 | 3 }) {
  const { t } = useTranslation();
  const session = useSession();
  const format = useDateFormat();
  if (!session) return null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="my-affiliations-heading">
      <Title order={headingLevel} size="h4" id="my-affiliations-heading" mb="xs">
        {t('affiliations.title')}
      </Title>
      {session.affiliations.length === 0 ? (
        <>
          <Text mb="sm">{t('affiliations.none')}</Text>
          <Anchor component={Link} to="/access-requests/new" fw={600}>
            {t('affiliations.requestAccess')}
          </Anchor>
        </>
      ) : (
        <List spacing="xs">
          {session.affiliations.map((affiliation) => (
            <List.Item key={affiliation.id}>
              <Text span fw={600}>
                {t(`roles.${affiliation.role}`)}
              </Text>
              {[affiliation.hospitalName, affiliation.ernName].filter(Boolean).map((place) => ` · ${place}`)}
              {affiliation.validUntil && (
                <Text span size="sm" c="dimmed">
                  {' '}
                  {t('affiliations.until', { date: format.date(affiliation.validUntil) })}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}
