import { Button, Fieldset, Group, List, Stack, Text } from '@mantine/core';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-client.ts';
import { SaveProblem } from './conflict-alert.tsx';

/** An item being edited, with a key that stays the same while items are added, removed or reordered. */
export interface Row<T> {
  key: string;
  value: T;
  /** Added by a button in this session: its first field takes the focus. */
  fresh?: boolean;
}

let lastKey = 0;
const newKey = () => `row-${(lastKey += 1)}`;

/** The list state of a section editor: rows with stable keys (React keys, and where the server's problems belong). */
export function useRows<T>(initial: () => T[]) {
  const [rows, setRows] = useState<Row<T>[]>(() => initial().map((value) => ({ key: newKey(), value })));
  return {
    rows,
    add: (value: T, options: { fresh?: boolean } = {}) => setRows((current) => [...current, { key: newKey(), value, fresh: options.fresh ?? false }]),
    update: (key: string, change: Partial<T> | ((value: T) => T)) =>
      setRows((current) => current.map((row) => (row.key === key ? { ...row, value: typeof change === 'function' ? change(row.value) : { ...row.value, ...change } } : row))),
    remove: (key: string) => setRows((current) => current.filter((row) => row.key !== key)),
  };
}

const problemsOf = (error: unknown) => (error instanceof ApiError ? (error.problem?.problems ?? []) : []);

/**
 * The server's message for one field of one row: problems name items by their index in what was sent
 * (body.content.3.unit), so the keys sent with the save find the row even after rows were removed since.
 * `under` also takes the problems of the field's parts (onset.age.iso8601duration for "onset").
 */
export function rowProblems(error: unknown, sentKeys: readonly string[] | undefined, list = 'content') {
  const problems = problemsOf(error);
  return (key: string, field: string, options: { under?: boolean } = {}): string | undefined => {
    const index = sentKeys?.indexOf(key) ?? -1;
    if (index < 0) return undefined;
    const path = `body.${list}.${index}.${field}`;
    return problems.find((p) => p.path === path || (options.under === true && p.path.startsWith(`${path}.`)))?.message;
  };
}

/**
 * The server's problems that no field of this editor shows (a broken link to another section, a
 * field the editor keeps as imported), listed under the save problem so that none goes unsaid.
 */
function OtherProblems({ error, shown }: { error: unknown; shown: RegExp }) {
  const { t } = useTranslation();
  const headingId = useId();
  const others = problemsOf(error).filter((p) => !shown.test(p.path));
  if (others.length === 0) return null;
  return (
    <div>
      <Text size="sm" fw={600} id={headingId}>
        {t('record.otherProblems')}
      </Text>
      <List size="sm" aria-labelledby={headingId}>
        {others.map((p) => (
          <List.Item key={`${p.path}:${p.message}`}>{`${p.path.replace(/^body\.content\.?/, '')}: ${p.message}`}</List.Item>
        ))}
      </List>
    </div>
  );
}

/** Text as the contract wants an optional field: left out when blank. */
export const optionalText = (text: string): string | undefined => (text.trim() === '' ? undefined : text);

/**
 * A short, stable fingerprint of a section's saved content. Editors are keyed by it: a save of another
 * section (a new version) keeps the changes being made here, while a new content of this section
 * (saved here, or by someone else and reloaded) starts the editor afresh from it.
 */
export function contentKey(content: unknown): string {
  const text = JSON.stringify(content);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${text.length}-${(hash >>> 0).toString(36)}`;
}

/**
 * A section editor's form: why the last save failed (a conflict offers to reload; problems no field
 * shows are listed), the items, then the buttons. Enter in a field saves, as in any form.
 */
export function SectionForm({ label, error, shown, onReload, onSubmit, children, actions }: { label: string; error: unknown; shown: RegExp; onReload: () => void; onSubmit: () => void; children: ReactNode; actions: ReactNode }) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Stack gap="sm">
        <SaveProblem error={error} onReload={onReload} />
        <OtherProblems error={error} shown={shown} />
        {children}
        <Group>{actions}</Group>
      </Stack>
    </form>
  );
}

/**
 * One item of a section: a group named by its legend, its fields, and at its side the button that
 * removes it (after the fields in the tab order), with any other actions on the item.
 */
export function ItemFieldset({ legend, n, onRemove, actions, children }: { legend: string; n: number; onRemove: () => void; actions?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={legend} p="sm" pt="xs">
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap="xs" style={{ flexGrow: 1, minWidth: 0 }}>
          {children}
        </Stack>
        <Stack gap="xs" mt={24}>
          {actions}
          <Button variant="default" size="xs" onClick={onRemove} aria-label={t('record.removeNamed', { n })}>
            {t('record.remove')}
          </Button>
        </Stack>
      </Group>
    </Fieldset>
  );
}
