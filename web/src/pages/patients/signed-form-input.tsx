import { FileInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** What the server accepts as a signed consent form: a PDF or a scan. */
const accepted = 'application/pdf,image/png,image/jpeg,image/tiff';

/** Picks the signed consent form to upload. */
export function SignedFormInput({ value, onChange, error }: { value: File | null; onChange: (file: File | null) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <FileInput
      label={t('consent.signedForm')}
      description={t('consent.signedFormHint')}
      placeholder={t('consent.chooseFile')}
      accept={accepted}
      value={value}
      onChange={onChange}
      clearable
      clearButtonProps={{ 'aria-label': t('consent.removeFile') }}
      required
      error={error}
    />
  );
}
