declare global {
  // Read by get-nonce, through which react-remove-scroll (Mantine's modals, drawers, AppShell)
  // adds its <style> tags; setting it here covers those tags without a direct dependency.
  var __webpack_nonce__: string | undefined;
}

/**
 * The server puts this response's CSP nonce in <meta name="csp-nonce">; every <style> element the
 * app injects must carry it, or the CSP (style-src 'self' 'nonce-…') blocks it. Mantine gets it
 * through MantineProvider's getStyleNonce. Under the Vite dev server the placeholder stays and no
 * CSP is sent, so there is no nonce.
 */
export function installCspNonce(): string | undefined {
  const content = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
  const nonce = content && content !== '__CSP_NONCE__' ? content : undefined;
  globalThis.__webpack_nonce__ = nonce;
  return nonce;
}
