import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import classes from './layout.module.css';

const items = [
  { to: '/', label: 'layout.nav.home', exact: true },
  { to: '/networks', label: 'layout.nav.networks', exact: false },
  { to: '/system', label: 'layout.nav.system', exact: false },
] as const;

/** The header's main navigation; the router marks the current page with aria-current="page". */
export function MainNavigation() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('layout.mainNavigation')}>
      <ul className={classes.navList}>
        {items.map((item) => (
          <li key={item.to}>
            <Link to={item.to} className={classes.navLink} activeOptions={{ exact: item.exact }}>
              {t(item.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
