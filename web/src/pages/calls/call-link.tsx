import { Button } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

/** "Join the panel's call", for the panel's members while the panel runs (panel page and meeting agenda item). */
export function CallLink({ panelId, show }: { panelId: string; show: boolean }) {
  const { t } = useTranslation();
  if (!show) return null;
  return (
    <Button renderRoot={(props) => <Link {...props} to="/panels/$panelId/call" params={{ panelId }} />} variant="light" w="fit-content">
      {t('calls.openCall')}
    </Button>
  );
}
