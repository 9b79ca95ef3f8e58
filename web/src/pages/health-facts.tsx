import type { HealthResponse } from '../../../src/modules/system/system.contract.ts';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './system-status.module.css';

/** The server's health as a description list (terms and values, read in pairs by assistive technology). */
export function HealthFacts({ health }: { health: HealthResponse }) {
  const { t } = useTranslation();
  const facts = [
    { id: 'status', term: t('system.status'), value: t(`system.statusValue.${health.status}`) },
    { id: 'database', term: t('system.database'), value: t(`system.databaseValue.${health.database}`) },
    { id: 'version', term: t('system.version'), value: health.version },
    { id: 'environment', term: t('system.environment'), value: t(`system.environmentValue.${health.environment}`) },
  ];
  return (
    <dl className={classes.facts}>
      {facts.map((fact) => (
        <Fragment key={fact.id}>
          <dt>{fact.term}</dt>
          <dd>
            {fact.id === 'status' && <span className={classes.dot} data-status={health.status} aria-hidden />}
            {fact.value}
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}
