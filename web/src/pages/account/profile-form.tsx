import { Button, Group, MultiSelect, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionQuery } from '../../api/auth-api.ts';
import { profileQuery, updateProfile, type ProfileResponse } from '../../api/me-api.ts';
import { ernListQuery } from '../../api/queries.ts';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { countryOptions, languageOptions, timeZoneOptions } from './profile-options.ts';

type Draft = Omit<ProfileResponse, 'email'>;
const blankToNull = (value: string | null) => (value?.trim() ? value.trim() : null);

/** The editable profile: how others see the person in the expert directory, and their own settings. */
export function ProfileForm({ profile }: { profile: ProfileResponse }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { email: _email, ...initial } = profile;
  const [draft, setDraft] = useState<Draft>(initial);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const erns = useQuery(ernListQuery);
  const languages = useMemo(() => languageOptions(i18n.language), [i18n.language]);
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const zones = useMemo(() => timeZoneOptions(), []);
  const groups = (erns.data?.erns ?? [])
    .filter((ern) => ern.diseaseGroups.length > 0)
    .map((ern) => ({ group: ern.name, items: ern.diseaseGroups.map((g) => ({ value: g.id, label: g.name })) }));
  const save = useMutation({
    mutationFn: () =>
      updateProfile({
        ...draft,
        title: blankToNull(draft.title),
        specialty: blankToNull(draft.specialty),
        expertise: blankToNull(draft.expertise),
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(profileQuery.queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey }); // name and time zone in the header
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const problem = (field: keyof Draft) => fieldProblem(save.error, field);
  return (
    <form onSubmit={submit} noValidate aria-label={t('profile.formLabel')}>
      <Stack gap="md" maw="48rem">
        <ProblemAlert error={save.error} title={t('profile.saveFailed')} />
        <TextInput label={t('profile.email')} value={profile.email} readOnly description={t('profile.emailHint')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('profile.displayName')}
            required
            value={draft.displayName}
            onChange={(e) => set('displayName', e.currentTarget.value)}
            error={problem('displayName')}
          />
          <TextInput
            label={t('profile.personTitle')}
            description={t('profile.personTitleHint')}
            value={draft.title ?? ''}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={problem('title')}
          />
        </SimpleGrid>
        <TextInput
          label={t('profile.specialty')}
          value={draft.specialty ?? ''}
          onChange={(e) => set('specialty', e.currentTarget.value)}
          error={problem('specialty')}
        />
        <Textarea
          label={t('profile.expertise')}
          description={t('profile.expertiseHint')}
          autosize
          minRows={3}
          value={draft.expertise ?? ''}
          onChange={(e) => set('expertise', e.currentTarget.value)}
          error={problem('expertise')}
        />
        <MultiSelect
          label={t('profile.diseaseGroups')}
          description={t('profile.diseaseGroupsHint')}
          data={groups}
          value={draft.diseaseGroupIds}
          onChange={(value) => set('diseaseGroupIds', value)}
          searchable
          clearable
          error={problem('diseaseGroupIds')}
        />
        <MultiSelect
          label={t('profile.languages')}
          description={t('profile.languagesHint')}
          data={languages}
          value={draft.languages}
          onChange={(value) => set('languages', value)}
          searchable
          error={problem('languages')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('profile.country')}
            data={countries}
            value={draft.country}
            onChange={(value) => set('country', value)}
            searchable
            clearable
            error={problem('country')}
          />
          <Select
            label={t('profile.timeZone')}
            required
            data={zones}
            value={draft.timeZone}
            onChange={(value) => value && set('timeZone', value)}
            searchable
            allowDeselect={false}
            error={problem('timeZone')}
          />
        </SimpleGrid>
        <Select
          label={t('profile.locale')}
          data={[{ value: 'en', label: t('profile.localeValue.en') }]}
          value={draft.locale}
          onChange={(value) => value === 'en' && set('locale', value)}
          allowDeselect={false}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('profile.save')}
          </Button>
        </Group>
        <StatusMessage>{save.isSuccess && !save.isPending && t('profile.saved')}</StatusMessage>
      </Stack>
    </form>
  );
}
