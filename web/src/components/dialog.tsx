import { Modal, type ModalProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Mantine's Modal with a named close button (axe: buttons must have discernible text). */
export function Dialog(props: ModalProps) {
  const { t } = useTranslation();
  return <Modal centered {...props} closeButtonProps={{ 'aria-label': t('common.close'), ...props.closeButtonProps }} />;
}
