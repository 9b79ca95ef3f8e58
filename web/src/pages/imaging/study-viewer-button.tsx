import { Button } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/dialog.tsx';
import { LoadingState } from '../../components/loading-state.tsx';

// Cornerstone3D and its codecs load only when a study is opened (their own chunk, not the main bundle).
const StudyViewer = lazy(() => import('./study-viewer.tsx'));

/** "View" for one study: opens the viewer over the given DICOMweb service (the patient's or the panel's). */
export function StudyViewerButton({ dicomweb, studyInstanceUid, label }: { dicomweb: string; studyInstanceUid: string; label: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="xs" variant="light" onClick={() => setOpen(true)} aria-label={t('viewer.open', { study: label })}>
        {t('viewer.view')}
      </Button>
      <Dialog opened={open} onClose={() => setOpen(false)} title={t('viewer.title', { study: label })} fullScreen>
        {open && (
          <Suspense fallback={<LoadingState />}>
            <StudyViewer dicomweb={dicomweb} studyInstanceUid={studyInstanceUid} />
          </Suspense>
        )}
      </Dialog>
    </>
  );
}
