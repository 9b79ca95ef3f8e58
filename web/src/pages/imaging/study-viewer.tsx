import { Alert, Button, Group, NumberInput, SegmentedControl, Slider, Stack, Text, UnstyledButton } from '@mantine/core';
import { Enums, init as initCore, RenderingEngine, type Types } from '@cornerstonejs/core';
import { init as initLoader, wadors } from '@cornerstonejs/dicom-image-loader';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The study viewer (loaded on demand: Cornerstone3D is not in the main bundle). Every byte comes from the
 * DICOMweb service it is given — the patient's (`/api/patients/:id/dicomweb`) or the panel's
 * (`/api/panels/:id/dicomweb`) — so the server's scope and audit apply to each series and frame.
 */

type DicomJson = Record<string, { vr: string; Value?: unknown[] }>;

const value = (dataset: DicomJson, tag: string): unknown => dataset[tag]?.Value?.[0];
const text = (dataset: DicomJson, tag: string): string => {
  const v = value(dataset, tag);
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
};

interface SeriesEntry {
  uid: string;
  modality: string;
  description: string;
  number: number;
  instances: number;
}

let initialised: Promise<void> | null = null;
function initCornerstone(): Promise<void> {
  initialised ??= (async () => {
    initCore();
    initLoader({ maxWebWorkers: 1 });
  })();
  return initialised;
}

async function dicomJson(url: string, signal: AbortSignal): Promise<DicomJson[]> {
  const response = await fetch(url, { headers: { accept: 'application/dicom+json' }, credentials: 'same-origin', signal });
  if (!response.ok) throw new Error(String(response.status));
  return (await response.json()) as DicomJson[];
}

type DragMode = 'voi' | 'pan' | 'zoom';

export default function StudyViewer({ dicomweb, studyInstanceUid }: { dicomweb: string; studyInstanceUid: string }) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const viewportRef = useRef<Types.IStackViewport | null>(null);
  const [series, setSeries] = useState<SeriesEntry[] | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const [slices, setSlices] = useState(0);
  const [index, setIndex] = useState(0);
  const [voi, setVoi] = useState<{ width: number; center: number } | null>(null);
  const [rendered, setRendered] = useState(false);
  const [failed, setFailed] = useState(false);
  const [mode, setMode] = useState<DragMode>('voi');
  const studyBase = `${dicomweb}/studies/${encodeURIComponent(studyInstanceUid)}`;

  // The study's series (QIDO-RS).
  useEffect(() => {
    const abort = new AbortController();
    dicomJson(`${studyBase}/series`, abort.signal)
      .then((found) => {
        const entries = found
          .map((s) => ({ uid: text(s, '0020000E'), modality: text(s, '00080060'), description: text(s, '0008103E'), number: Number(text(s, '00200011')) || 0, instances: Number(text(s, '00201209')) || 0 }))
          .sort((a, b) => a.number - b.number);
        setSeries(entries);
        setCurrent((c) => c ?? entries[0]?.uid ?? null);
      })
      .catch(() => {
        if (!abort.signal.aborted) setFailed(true);
      });
    return () => abort.abort();
  }, [studyBase]);

  // One rendering engine for the dialog's life.
  useEffect(() => {
    const host = element.current;
    if (!host) return;
    let engine: RenderingEngine | null = null;
    let cancelled = false;
    void initCornerstone().then(() => {
      if (cancelled) return;
      engine = new RenderingEngine(`cpms-viewer-${Math.random().toString(36).slice(2)}`);
      engine.enableElement({ viewportId: 'stack', type: Enums.ViewportType.STACK, element: host });
      viewportRef.current = engine.getViewport<Types.IStackViewport>('stack');
    });
    const onVoi = () => {
      const range = viewportRef.current?.getProperties().voiRange;
      if (range) setVoi({ width: Math.round(range.upper - range.lower), center: Math.round((range.upper + range.lower) / 2) });
    };
    const onImage = () => {
      const viewport = viewportRef.current;
      if (!viewport) return;
      setIndex(viewport.getCurrentImageIdIndex());
      onVoi();
      setRendered(true);
    };
    host.addEventListener(Enums.Events.VOI_MODIFIED, onVoi);
    host.addEventListener(Enums.Events.IMAGE_RENDERED, onImage);
    host.addEventListener(Enums.Events.STACK_NEW_IMAGE, onImage);
    return () => {
      cancelled = true;
      host.removeEventListener(Enums.Events.VOI_MODIFIED, onVoi);
      host.removeEventListener(Enums.Events.IMAGE_RENDERED, onImage);
      host.removeEventListener(Enums.Events.STACK_NEW_IMAGE, onImage);
      viewportRef.current = null;
      engine?.destroy();
    };
  }, []);

  // The chosen series: its metadata (WADO-RS), one image id per frame, shown from the first.
  useEffect(() => {
    if (!current) return;
    const abort = new AbortController();
    void (async () => {
      try {
        const seriesBase = `${studyBase}/series/${encodeURIComponent(current)}`;
        const instances = (await dicomJson(`${seriesBase}/metadata`, abort.signal)).sort((a, b) => Number(text(a, '00200013')) - Number(text(b, '00200013')));
        await initCornerstone();
        const imageIds: string[] = [];
        for (const instance of instances) {
          const frames = Number(text(instance, '00280008')) || 1;
          for (let frame = 1; frame <= frames; frame++) {
            const imageId = `wadors:${seriesBase}/instances/${encodeURIComponent(text(instance, '00080018'))}/frames/${frame}`;
            wadors.metaDataManager.add(imageId, instance as never);
            imageIds.push(imageId);
          }
        }
        const viewport = viewportRef.current;
        if (abort.signal.aborted || !viewport) return;
        setSlices(imageIds.length);
        setIndex(0);
        await viewport.setStack(imageIds, 0);
        viewport.render();
      } catch {
        if (!abort.signal.aborted) setFailed(true);
      }
    })();
    return () => abort.abort();
  }, [current, studyBase]);

  const show = (next: number) => {
    const viewport = viewportRef.current;
    if (!viewport || slices === 0) return;
    const clamped = Math.max(0, Math.min(slices - 1, next));
    setIndex(clamped);
    void viewport.setImageIdIndex(clamped);
  };
  const setWindow = (width: number, center: number) => {
    const viewport = viewportRef.current;
    if (!viewport || !Number.isFinite(width) || !Number.isFinite(center) || width < 1) return;
    viewport.setProperties({ voiRange: { lower: center - width / 2, upper: center + width / 2 } });
    viewport.render();
  };
  const zoomBy = (factor: number) => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    viewport.setZoom(viewport.getZoom() * factor);
    viewport.render();
  };
  const reset = () => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    viewport.resetProperties();
    viewport.resetCamera();
    viewport.render();
  };

  // Mouse: the wheel scrolls slices; a drag changes window/level, pans or zooms (the chosen mode).
  const drag = useRef<{ x: number; y: number } | null>(null);
  const onPointerDown = (event: React.PointerEvent) => {
    drag.current = { x: event.clientX, y: event.clientY };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: React.PointerEvent) => {
    const viewport = viewportRef.current;
    const from = drag.current;
    if (!viewport || !from) return;
    const dx = event.clientX - from.x;
    const dy = event.clientY - from.y;
    drag.current = { x: event.clientX, y: event.clientY };
    if (mode === 'voi' && voi) setWindow(voi.width + dx * Math.max(1, voi.width / 256), voi.center + dy * Math.max(1, voi.width / 256));
    if (mode === 'zoom') zoomBy(Math.exp(-dy / 200));
    if (mode === 'pan') {
      const rect = event.currentTarget.getBoundingClientRect();
      const a = viewport.canvasToWorld([event.clientX - rect.left - dx, event.clientY - rect.top - dy]);
      const b = viewport.canvasToWorld([event.clientX - rect.left, event.clientY - rect.top]);
      const camera = viewport.getCamera();
      const delta = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
      const shift = (p: Types.Point3 | undefined): Types.Point3 | undefined => (p ? [p[0] - delta[0]!, p[1] - delta[1]!, p[2] - delta[2]!] : p);
      viewport.setCamera({ focalPoint: shift(camera.focalPoint), position: shift(camera.position) });
      viewport.render();
    }
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  useEffect(() => {
    const host = element.current;
    if (!host) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const viewport = viewportRef.current;
      if (viewport) show(viewport.getCurrentImageIdIndex() + Math.sign(event.deltaY));
    };
    host.addEventListener('wheel', onWheel, { passive: false });
    return () => host.removeEventListener('wheel', onWheel);
  });

  const onKeyDown = (event: React.KeyboardEvent) => {
    const step = { ArrowDown: 1, ArrowRight: 1, PageDown: 10, ArrowUp: -1, ArrowLeft: -1, PageUp: -10 }[event.key];
    if (step !== undefined) {
      event.preventDefault();
      show(index + step);
    } else if (event.key === 'Home') show(0);
    else if (event.key === 'End') show(slices - 1);
  };

  if (failed) return <Alert color="red">{t('viewer.failed')}</Alert>;

  return (
    <Group align="flex-start" wrap="nowrap" gap="md">
      <Stack gap="xs" w={220} component="nav" aria-label={t('viewer.seriesList')}>
        {series === null && <Text>{t('viewer.loading')}</Text>}
        {series?.map((s) => (
          <UnstyledButton key={s.uid} onClick={() => {
              if (s.uid === current) return;
              setRendered(false);
              setCurrent(s.uid);
            }} aria-current={s.uid === current ? 'true' : undefined} p="xs" bd={s.uid === current ? '2px solid var(--mantine-primary-color-filled)' : '1px solid var(--mantine-color-default-border)'} style={{ borderRadius: 4 }}>
            <Text fw={600}>{t('viewer.seriesEntry', { number: s.number, modality: s.modality })}</Text>
            {s.description && <Text size="sm">{s.description}</Text>}
            <Text size="sm">{t('viewer.images', { count: s.instances })}</Text>
          </UnstyledButton>
        ))}
      </Stack>
      <Stack gap="xs" style={{ flex: 1 }}>
        <Group gap="xs">
          <SegmentedControl
            aria-label={t('viewer.dragMode')}
            value={mode}
            onChange={(v) => setMode(v)}
            data={[
              { value: 'voi', label: t('viewer.modeVoi') },
              { value: 'pan', label: t('viewer.modePan') },
              { value: 'zoom', label: t('viewer.modeZoom') },
            ]}
          />
          <Button variant="default" onClick={() => zoomBy(1.25)}>{t('viewer.zoomIn')}</Button>
          <Button variant="default" onClick={() => zoomBy(0.8)}>{t('viewer.zoomOut')}</Button>
          <Button variant="default" onClick={reset}>{t('viewer.reset')}</Button>
        </Group>
        <div
          ref={element}
          role="img"
          aria-label={t('viewer.image', { index: index + 1, count: slices })}
          tabIndex={0}
          onKeyDown={onKeyDown}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onContextMenu={(e) => e.preventDefault()}
          data-rendered={rendered ? 'true' : 'false'}
          style={{ width: '100%', height: '60vh', background: 'black', touchAction: 'none', position: 'relative' }}
        />
        <Text aria-live="polite" data-testid="viewer-status">
          {slices > 0 ? t('viewer.slice', { index: index + 1, count: slices }) : t('viewer.loading')}
          {voi && ` · ${t('viewer.voi', { width: voi.width, center: voi.center })}`}
        </Text>
        {slices > 1 && <Slider thumbLabel={t('viewer.sliceSlider')} min={1} max={slices} value={index + 1} onChange={(v) => show(v - 1)} label={null} />}
        <Group gap="xs" align="flex-end">
          <NumberInput key={`w${voi?.width}`} label={t('viewer.windowWidth')} defaultValue={voi?.width} min={1} w={140} onBlur={(e) => voi && setWindow(Number(e.currentTarget.value), voi.center)} onKeyDown={(e) => e.key === 'Enter' && voi && setWindow(Number(e.currentTarget.value), voi.center)} />
          <NumberInput key={`c${voi?.center}`} label={t('viewer.windowCenter')} defaultValue={voi?.center} w={140} onBlur={(e) => voi && setWindow(voi.width, Number(e.currentTarget.value))} onKeyDown={(e) => e.key === 'Enter' && voi && setWindow(voi.width, Number(e.currentTarget.value))} />
        </Group>
      </Stack>
    </Group>
  );
}
