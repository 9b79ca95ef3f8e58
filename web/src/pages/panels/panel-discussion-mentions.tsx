import { Combobox, Textarea, useCombobox, VisuallyHidden } from '@mantine/core';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface Mentionable {
  personId: string;
  displayName: string;
}

/** The "@…" being typed just before the caret, if any (names have spaces; a line break or a second "@" ends it). */
const typedMention = (text: string, caret: number): { start: number; query: string } | null => {
  const match = /(^|\s)@([^@\n]{0,40})$/.exec(text.slice(0, caret));
  return match ? { start: caret - match[2]!.length - 1, query: match[2]! } : null;
};

/** The people still mentioned in the text: those whose "@Name" is in it. */
export const mentionsIn = (text: string, people: readonly Mentionable[]): string[] => people.filter((p) => text.includes(`@${p.displayName}`)).map((p) => p.personId);

interface MentionTextareaProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  members: readonly Mentionable[];
  error?: string | undefined;
  disabled?: boolean;
  autoFocus?: boolean;
}

/**
 * A message field where typing "@" offers the panel's members: arrow keys and Enter (or a click) pick one and
 * write "@Name". The mentions sent are the members whose "@Name" the text still holds.
 */
export function MentionTextarea({ label, value, onChange, members, error, disabled, autoFocus }: MentionTextareaProps) {
  const { t } = useTranslation();
  const combobox = useCombobox();
  const field = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const [typing, setTyping] = useState<{ start: number; query: string } | null>(null);
  const lower = typing?.query.toLowerCase() ?? '';
  const options = typing ? members.filter((m) => m.displayName.toLowerCase().includes(lower) || m.displayName.toLowerCase().split(/\s+/).some((word) => word.startsWith(lower))).slice(0, 8) : [];

  const follow = (text: string, caret: number) => {
    const found = typedMention(text, caret);
    setTyping(found);
    if (found) combobox.openDropdown();
    else combobox.closeDropdown();
  };

  const pick = (personId: string) => {
    const person = members.find((m) => m.personId === personId);
    const caret = field.current?.selectionStart ?? value.length;
    if (!person || !typing) return;
    const inserted = `@${person.displayName} `;
    const next = `${value.slice(0, typing.start)}${inserted}${value.slice(caret)}`;
    onChange(next);
    setTyping(null);
    combobox.closeDropdown();
    const at = typing.start + inserted.length;
    requestAnimationFrame(() => {
      field.current?.focus();
      field.current?.setSelectionRange(at, at);
    });
  };

  return (
    <Combobox store={combobox} onOptionSubmit={pick} position="bottom-start" width="target">
      <Combobox.Target withAriaAttributes={false}>
        <Textarea
          ref={field}
          label={label}
          description={t('discussion.mentionHint')}
          value={value}
          onChange={(event) => {
            onChange(event.currentTarget.value);
            follow(event.currentTarget.value, event.currentTarget.selectionStart);
          }}
          onBlur={() => combobox.closeDropdown()}
          autosize
          minRows={3}
          maxLength={10_000}
          error={error}
          disabled={disabled}
          autoFocus={autoFocus}
        />
      </Combobox.Target>
      <VisuallyHidden id={hintId} aria-live="polite">
        {typing && options.length > 0 ? t('discussion.mentionOptions', { count: options.length }) : ''}
      </VisuallyHidden>
      <Combobox.Dropdown hidden={options.length === 0}>
        <Combobox.Options aria-label={t('discussion.mentionListLabel')}>
          {options.map((member) => (
            <Combobox.Option value={member.personId} key={member.personId}>
              {member.displayName}
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
