import '@mantine/core/styles.css';
import './i18n/i18n.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { installCspNonce } from './csp-nonce.ts';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element.');
const styleNonce = installCspNonce();

createRoot(container).render(
  <StrictMode>
    <App styleNonce={styleNonce} />
  </StrictMode>,
);
