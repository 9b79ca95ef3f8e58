import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './layout.module.css';

export const MAIN_CONTENT_ID = 'main-content';

/** First focusable element on every page: jumps past the header to the main content. */
export function SkipLink() {
  const { t } = useTranslation();
  // Focus the main element directly rather than changing the URL hash, which the router would see.
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(MAIN_CONTENT_ID);
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  };
  return (
    <a className={classes.skipLink} href={`#${MAIN_CONTENT_ID}`} onClick={skip}>
      {t('layout.skipToContent')}
    </a>
  );
}
