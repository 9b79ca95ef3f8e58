import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createHospital } from '../../api/admin-api.ts';
import { hospitalListQuery } from '../../api/onboarding-api.ts';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { countryOptions } from '../account/profile-options.ts';

/** Adds a hospital (name, city, country); its memberships are set afterwards. */
export function NewHospitalForm({ onCreated }: { onCreated: (name: string) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const [name, setName] = useState('');
  const [city, setCity] = useState('');
  const [country, setCountry] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: createHospital,
    onSuccess: async (_created, body) => {
      setName('');
      setCity('');
      setCountry(null);
      await queryClient.invalidateQueries({ queryKey: hospitalListQuery.queryKey });
      onCreated(body.name);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), city: city.trim(), country: country ?? '' });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-hospital-heading">
      <Stack gap="sm">
        <ProblemAlert error={create.error} title={t('hospitals.createFailed')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('hospitals.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldProblem(create.error, 'name')}
          />
          <TextInput
            label={t('hospitals.city')}
            required
            value={city}
            onChange={(e) => setCity(e.currentTarget.value)}
            error={fieldProblem(create.error, 'city')}
          />
          <Select
            label={t('hospitals.country')}
            required
            searchable
            data={countries}
            value={country}
            onChange={setCountry}
            error={fieldProblem(create.error, 'country')}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('hospitals.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
