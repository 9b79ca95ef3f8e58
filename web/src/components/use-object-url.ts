import { useEffect, useState } from 'react';

/**
 * A blob: URL for some text (an SVG image, a file to download), revoked when the text changes or the
 * component goes away. The CSP allows blob: images; no markup is ever injected into the page.
 */
export function useObjectUrl(content: string | undefined, type: string): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (content === undefined) return undefined;
    const created = URL.createObjectURL(new Blob([content], { type }));
    // A blob URL is an external resource with a lifetime: created and revoked in one effect (so
    // StrictMode's remount gets a fresh one), published through state.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setUrl(created);
    return () => {
      URL.revokeObjectURL(created);
      setUrl(undefined);
    };
  }, [content, type]);
  return url;
}
