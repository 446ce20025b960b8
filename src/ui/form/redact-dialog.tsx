// A small editor for one screenshot: drag a rectangle (or type its numbers), choose blur or crop, save
// as a new artifact. Loaded only when the person opens it, so it costs the popup nothing until then.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '../../i18n/i18n';
import type { Report } from '../../model/report';
import type { ReportStore } from '../../storage/report-store';
import { redactImage, regionBetween, saveDerivedArtifact, type RedactMode, type Region } from './redact-image';

export function RedactDialog({
  store,
  reportId,
  artifactId,
  t,
  onSaved,
  onClose,
}: {
  store: ReportStore;
  reportId: string;
  artifactId: string;
  t: Translate;
  onSaved: (report: Report) => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [image, setImage] = useState<{ blob: Blob; bitmap: ImageBitmap }>();
  const [region, setRegion] = useState<Region>({ x: 0, y: 0, width: 0, height: 0 });
  const [mode, setMode] = useState<RedactMode>('blur');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const drag = useRef<{ x: number; y: number } | null>(null);

  useEffect(() => {
    dialog.current?.showModal();
    let cancelled = false;
    void store.getArtifact(artifactId).then(async (record) => {
      if (!record || cancelled) return;
      const bitmap = await createImageBitmap(record.blob);
      if (!cancelled) setImage({ blob: record.blob, bitmap });
    });
    return () => {
      cancelled = true;
    };
  }, [store, artifactId]);

  // Draw the image scaled to fit, with the region outlined (and shaded where it will go).
  useEffect(() => {
    const c = canvas.current;
    if (!c || !image) return;
    const { bitmap } = image;
    c.width = bitmap.width;
    c.height = bitmap.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    if (region.width > 0 && region.height > 0) {
      ctx.save();
      ctx.fillStyle = 'rgba(0,0,0,0.45)';
      if (mode === 'blur') ctx.fillRect(region.x, region.y, region.width, region.height);
      else {
        ctx.beginPath();
        ctx.rect(0, 0, c.width, c.height);
        ctx.rect(region.x, region.y, region.width, region.height);
        ctx.fill('evenodd');
      }
      ctx.strokeStyle = '#ffcc00';
      ctx.lineWidth = Math.max(2, bitmap.width / 300);
      ctx.strokeRect(region.x, region.y, region.width, region.height);
      ctx.restore();
    }
  }, [image, region, mode]);

  const toImage = (e: PointerEvent) => {
    const c = canvas.current!;
    const box = c.getBoundingClientRect();
    return { x: ((e.clientX - box.left) / box.width) * c.width, y: ((e.clientY - box.top) / box.height) * c.height };
  };
  const bounds = image ? { width: image.bitmap.width, height: image.bitmap.height } : { width: 0, height: 0 };
  const setNumber = (key: keyof Region, value: number) => {
    const next = { ...region, [key]: Number.isFinite(value) ? value : 0 };
    setRegion(regionBetween({ x: next.x, y: next.y }, { x: next.x + next.width, y: next.y + next.height }, bounds));
  };

  const save = async () => {
    if (!image || region.width < 1 || region.height < 1) {
      setError(t('redactNoRegion'));
      return;
    }
    setBusy(true);
    try {
      const blob = await redactImage(image.blob, region, mode);
      onSaved(await saveDerivedArtifact(store, reportId, artifactId, blob, navigator.userAgent));
    } catch (err) {
      setError(t('errorSave', String(err)));
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} class="redact" aria-labelledby="redact-title" onClose={onClose} data-testid="redact-dialog">
      <h2 id="redact-title">{t('redactTitle')}</h2>
      <p class="muted small">{t('redactHint')}</p>
      <canvas
        ref={canvas}
        class="redact-canvas"
        role="img"
        aria-label={t('redactCanvasLabel')}
        data-testid="redact-canvas"
        onPointerDown={(e) => {
          (e.currentTarget as HTMLCanvasElement).setPointerCapture(e.pointerId);
          drag.current = toImage(e);
          setRegion({ ...drag.current, width: 0, height: 0 });
        }}
        onPointerMove={(e) => {
          if (drag.current) setRegion(regionBetween(drag.current, toImage(e), bounds));
        }}
        onPointerUp={(e) => {
          if (drag.current) setRegion(regionBetween(drag.current, toImage(e), bounds));
          drag.current = null;
        }}
      />
      <fieldset class="redact-numbers">
        <legend>{t('redactRegion', bounds.width, bounds.height)}</legend>
        {(['x', 'y', 'width', 'height'] as const).map((key) => (
          <label key={key} class="inline">
            {t(`redact_${key}`)}
            <input type="number" min={0} value={region[key]} onChange={(e) => setNumber(key, Number((e.currentTarget as HTMLInputElement).value))} />
          </label>
        ))}
      </fieldset>
      <fieldset class="redact-mode">
        <legend>{t('redactMode')}</legend>
        <label class="check">
          <input type="radio" name="redact-mode" checked={mode === 'blur'} onChange={() => setMode('blur')} />
          {t('redactBlur')}
        </label>
        <label class="check">
          <input type="radio" name="redact-mode" checked={mode === 'crop'} onChange={() => setMode('crop')} />
          {t('redactCrop')}
        </label>
      </fieldset>
      <p class="muted small">{t('redactKeepsOriginal')}</p>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="actions">
        <button type="button" class="primary" disabled={busy} onClick={() => void save()} data-testid="redact-save">
          {t('redactSave')}
        </button>
        <button type="button" onClick={() => dialog.current?.close()}>
          {t('cancel')}
        </button>
      </div>
    </dialog>
  );
}
