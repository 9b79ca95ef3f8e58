import { Button, Stack, TextInput } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';

interface CodeFormProps {
  label: string;
  description: string;
  submitLabel: string;
  /** An authenticator code (six digits) or a recovery code (letters, digits and dashes). */
  kind: 'totp' | 'recovery';
  pending: boolean;
  error: unknown;
  onSubmit: (code: string) => void;
  /** Move focus to the field when it appears after a choice the person made. */
  focusOnMount?: boolean;
}

/** One code field and its button, with the server's answer announced above it. */
export function CodeForm({ label, description, submitLabel, kind, pending, error, onSubmit, focusOnMount }: CodeFormProps) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusOnMount) input.current?.focus();
  }, [focusOnMount]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = kind === 'totp' ? code.replace(/\s/g, '') : code.trim();
    setMissing(!value);
    if (value) onSubmit(value);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ProblemAlert error={error} title={t('secondFactor.notAccepted')} />
        <TextInput
          ref={input}
          label={label}
          description={description}
          required
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={missing && t('secondFactor.codeMissing')}
          autoComplete={kind === 'totp' ? 'one-time-code' : 'off'}
          inputMode={kind === 'totp' ? 'numeric' : 'text'}
          maxLength={kind === 'totp' ? 8 : 32}
          spellCheck={false}
          autoCapitalize="off"
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.1em' } }}
        />
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
