import { Button, type ButtonProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSignOut } from '../auth/use-sign-out.ts';

/** A plain "Sign out" button, for the sign-in steps where the header menu is not the obvious place. */
export function SignOutButton(props: Pick<ButtonProps, 'variant' | 'size'>) {
  const { t } = useTranslation();
  const { signOut, pending } = useSignOut();
  return (
    <Button {...props} onClick={signOut} loading={pending}>
      {t('account.signOut')}
    </Button>
  );
}
