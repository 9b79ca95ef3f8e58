import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/use-session.ts';
import { holdsAnyRole } from '../../auth/roles.ts';
import { referralsQuery } from '../../api/referrals-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { QueryError } from '../../components/query-error.tsx';

/** A referrer's own referrals, or the incoming referrals of the centre's staff: code, patient nickname, status. */
export function ReferralsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const referrals = useQuery(referralsQuery);
  const list = referrals.data?.referrals ?? [];
  const referrer = holdsAnyRole(session, ['referrer']);
  return (
    <Stack gap="md">
      <div>
        <PageHeading>{t('referrals.title')}</PageHeading>
        <Text maw="48rem">{referrer ? t('referrals.introReferrer') : t('referrals.introCentre')}</Text>
      </div>
      {referrer && (
        <Group>
          <Button component={Link} to="/referrals/new">
            {t('referrals.newButton')}
          </Button>
        </Group>
      )}
      {referrals.isPending && <LoadingState />}
      {referrals.error && <QueryError error={referrals.error} onRetry={() => void referrals.refetch()} />}
      {referrals.data && list.length === 0 && <Text>{t('referrals.empty')}</Text>}
      {list.length > 0 && (
        <Table striped aria-label={t('referrals.listLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('referrals.code')}</Table.Th>
              <Table.Th>{t('referrals.nickname')}</Table.Th>
              <Table.Th>{t('referrals.statusLabel')}</Table.Th>
              <Table.Th>{t('referrals.ern')}</Table.Th>
              <Table.Th>{t('referrals.centre')}</Table.Th>
              <Table.Th>{t('referrals.referrer')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor renderRoot={(props) => <Link {...props} to="/referrals/$referralId" params={{ referralId: r.id }} />}>{r.referralCode}</Anchor>
                </Table.Td>
                <Table.Td>{r.nickname}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{t(`referrals.status.${r.status}`)}</Badge>
                </Table.Td>
                <Table.Td>{r.ern.name}</Table.Td>
                <Table.Td>{`${r.hospital.name}, ${r.hospital.city}`}</Table.Td>
                <Table.Td>{`${r.referrer.displayName} (${r.referrer.hospital}, ${r.referrer.country})`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
