import { Button, Checkbox, Fieldset, Group, Radio, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { hospitalListQuery } from '../../api/onboarding-api.ts';
import { expertSearchQuery, type ExpertSearchQuery, type ExpertView } from '../../api/panels-api.ts';
import { ernListQuery } from '../../api/queries.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { countryOptions, languageOptions } from '../account/profile-options.ts';

interface ExpertPickerProps {
  /** The chosen experts (the parent keeps them). */
  selected: ExpertView[];
  onChange: (selected: ExpertView[]) => void;
  /** One person (a new lead) rather than several. */
  single?: boolean;
  /** Where the search starts (the panel's network); anyone can widen it to other networks. */
  defaultErnId?: string;
  /** People who are on the panel already: shown, not offered. */
  exclude?: readonly string[];
  /** Only health professionals (a lead must be one). */
  healthProfessionalsOnly?: boolean;
}

const emptyFilter = (ernId?: string) => ({ ernId: ernId ?? '', diseaseGroupId: '', hospitalId: '', q: '', country: '', language: '' });
type FilterFields = ReturnType<typeof emptyFilter>;

/** The filled-in fields as the directory's query (empty fields are no filter). */
function asQuery(fields: FilterFields): ExpertSearchQuery {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value.trim() !== '').map(([key, value]) => [key, value.trim()]));
}

/** The expert directory: search by network, disease group, expertise, country, language and hospital; choose from the results. */
export function ExpertPicker({ selected, onChange, single = false, defaultErnId, exclude = [], healthProfessionalsOnly = false }: ExpertPickerProps) {
  const { t, i18n } = useTranslation();
  const [fields, setFields] = useState(() => emptyFilter(defaultErnId));
  const [query, setQuery] = useState<ExpertSearchQuery>(() => asQuery(emptyFilter(defaultErnId)));
  const erns = useQuery(ernListQuery);
  const hospitals = useQuery(hospitalListQuery);
  const experts = useQuery(expertSearchQuery(query));
  const ern = erns.data?.erns.find((e) => e.id === fields.ernId);
  const set = (name: keyof FilterFields) => (value: string | null) => setFields((f) => ({ ...f, [name]: value ?? '', ...(name === 'ernId' ? { diseaseGroupId: '' } : {}) }));
  const search = () => setQuery(asQuery(fields));
  // Not a form of its own: the picker sits inside other forms. Enter in the words field searches.
  const searchOnEnter = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    search();
  };
  const results = (experts.data?.experts ?? []).filter((e) => !healthProfessionalsOnly || e.affiliations.some((a) => a.role === 'healthProfessional'));
  const isSelected = (expert: ExpertView) => selected.some((s) => s.personId === expert.personId);
  const toggle = (expert: ExpertView, on: boolean) => onChange(single ? [expert] : on ? [...selected, expert] : selected.filter((s) => s.personId !== expert.personId));
  const where = (expert: ExpertView) =>
    [...new Set(expert.affiliations.map((a) => [a.hospital?.name, a.ern?.name].filter(Boolean).join(', ')).filter(Boolean))].join('; ');

  const resultList = (
    <Stack gap="xs">
      {results.map((expert) => {
        const taken = exclude.includes(expert.personId);
        const label = (
          <>
            <Text span fw={600}>
              {[expert.title, expert.displayName].filter(Boolean).join(' ')}
            </Text>
            {taken && <Text span size="sm">{` — ${t('panels.experts.alreadyOnPanel')}`}</Text>}
          </>
        );
        const description = [
          where(expert),
          expert.specialty,
          expert.expertise,
          expert.diseaseGroups.map((g) => g.name).join(', '),
          expert.languages.length ? t('panels.experts.languages', { languages: expert.languages.join(', ') }) : null,
          expert.country,
        ]
          .filter(Boolean)
          .join(' · ');
        return single ? (
          <Radio key={expert.personId} value={expert.personId} label={label} description={description} disabled={taken} />
        ) : (
          <Checkbox key={expert.personId} checked={isSelected(expert)} onChange={(e) => toggle(expert, e.currentTarget.checked)} label={label} description={description} disabled={taken} />
        );
      })}
    </Stack>
  );

  return (
    <Stack gap="sm">
      <div role="search" aria-label={t('panels.experts.searchForm')}>
        <Fieldset legend={t('panels.experts.searchLegend')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('panels.experts.q')} description={t('panels.experts.qHint')} value={fields.q} onChange={(e) => set('q')(e.currentTarget.value)} onKeyDown={searchOnEnter} />
            <Select label={t('panels.experts.ern')} placeholder={t('panels.experts.anyErn')} data={(erns.data?.erns ?? []).map((e) => ({ value: e.id, label: e.name }))} value={fields.ernId || null} onChange={set('ernId')} clearable searchable />
            <Select
              label={t('panels.experts.diseaseGroup')}
              placeholder={t('panels.experts.anyGroup')}
              data={(ern?.diseaseGroups ?? []).map((g) => ({ value: g.id, label: g.name }))}
              value={fields.diseaseGroupId || null}
              onChange={set('diseaseGroupId')}
              disabled={!ern || ern.diseaseGroups.length === 0}
              clearable
            />
            <Select label={t('panels.experts.country')} placeholder={t('panels.experts.anyCountry')} data={countryOptions(i18n.language)} value={fields.country || null} onChange={set('country')} clearable searchable />
            <Select label={t('panels.experts.language')} placeholder={t('panels.experts.anyLanguage')} data={languageOptions(i18n.language)} value={fields.language || null} onChange={set('language')} clearable searchable />
            <Select
              label={t('panels.experts.hospital')}
              placeholder={t('panels.experts.anyHospital')}
              data={(hospitals.data?.hospitals ?? []).map((h) => ({ value: h.id, label: `${h.name} (${h.country})` }))}
              value={fields.hospitalId || null}
              onChange={set('hospitalId')}
              clearable
              searchable
            />
          </SimpleGrid>
          <Group mt="sm">
            <Button variant="default" onClick={search}>
              {t('panels.experts.search')}
            </Button>
          </Group>
        </Fieldset>
      </div>
      <div role="region" aria-label={t('panels.experts.results')} aria-live="polite" aria-busy={experts.isFetching}>
        {experts.isPending && <LoadingState />}
        {experts.error && <QueryError error={experts.error} onRetry={() => void experts.refetch()} />}
        {experts.data && <Text size="sm" mb="xs">{t('panels.experts.found', { count: results.length })}</Text>}
        {experts.data &&
          results.length > 0 &&
          (single ? (
            <Radio.Group
              label={t('panels.experts.chooseOne')}
              value={selected[0]?.personId ?? null}
              onChange={(personId) => {
                const expert = results.find((e) => e.personId === personId);
                if (expert) toggle(expert, true);
              }}
            >
              <Stack mt="xs">{resultList}</Stack>
            </Radio.Group>
          ) : (
            <Fieldset legend={t('panels.experts.chooseSeveral')} variant="unstyled">
              <Stack mt="xs">{resultList}</Stack>
            </Fieldset>
          ))}
      </div>
      {!single && (
        <Text size="sm" aria-live="polite">
          {selected.length === 0 ? t('panels.experts.noneChosen') : t('panels.experts.chosen', { names: selected.map((s) => s.displayName).join(', ') })}
        </Text>
      )}
    </Stack>
  );
}
