// The answer window of each destination: the defaults, why they are what they are, and the person's own.
// Stored in the `meta` store (RESPONSE_WINDOWS_META), which the worker's reminder scan reads.
import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../../i18n/i18n';
import { DESTINATIONS, destinationNameKey } from '../../destinations/catalog';
import { DEFAULT_WINDOWS, isValidWindow, RESPONSE_WINDOWS_META, type ResponseWindow, type WindowOverrides, type WindowUnit } from '../../lifecycle/response-windows';

export interface WindowsStore {
  getMeta<T>(key: string): Promise<T | undefined>;
  setMeta(key: string, value: unknown): Promise<void>;
}

const UNITS: WindowUnit[] = ['hours', 'days', 'working-days'];

export function ResponseWindows({ store, t, onSaved }: { store: WindowsStore; t: Translate; onSaved?: () => void }) {
  const [overrides, setOverrides] = useState<WindowOverrides>();
  useEffect(() => {
    void store.getMeta<WindowOverrides>(RESPONSE_WINDOWS_META).then((v) => setOverrides(v ?? {}));
  }, [store]);
  if (!overrides) return null;
  const save = async (next: WindowOverrides) => {
    setOverrides(next);
    await store.setMeta(RESPONSE_WINDOWS_META, next);
    onSaved?.();
  };
  return (
    <section aria-labelledby="windows-heading" class="windows" data-testid="response-windows">
      <h2 id="windows-heading">{t('dash_windows')}</h2>
      <p class="muted">{t('dash_windowsWhy')}</p>
      <details>
        <summary>{t('dash_windows')}</summary>
        <table class="windows-table">
          <tbody>
            {DESTINATIONS.filter((d) => d.kind !== 'api').map((d) => (
              <WindowRow
                key={d.id}
                id={d.id}
                name={t(destinationNameKey(d.id))}
                fallback={DEFAULT_WINDOWS[d.kind]}
                value={overrides[d.id]}
                t={t}
                onSave={(w) => {
                  const next = { ...overrides };
                  if (w) next[d.id] = w;
                  else delete next[d.id];
                  return save(next);
                }}
              />
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

function WindowRow({
  id,
  name,
  fallback,
  value,
  t,
  onSave,
}: {
  id: string;
  name: string;
  fallback: ResponseWindow;
  value: ResponseWindow | undefined;
  t: Translate;
  onSave: (w: ResponseWindow | null) => Promise<void>;
}) {
  const current = value ?? fallback;
  const [amount, setAmount] = useState(String(current.amount));
  const [unit, setUnit] = useState<WindowUnit>(current.unit);
  const [state, setState] = useState<'idle' | 'invalid' | 'saved'>('idle');
  const inputId = `window-${id}`;
  const errorId = `${inputId}-error`;
  const commit = async (nextAmount: string, nextUnit: WindowUnit) => {
    const w = { amount: Number(nextAmount), unit: nextUnit };
    if (!/^\d+$/.test(nextAmount.trim()) || !isValidWindow(w)) {
      setState('invalid');
      return;
    }
    await onSave(w.amount === fallback.amount && w.unit === fallback.unit ? null : w);
    setState('saved');
  };
  return (
    <tr data-destination={id}>
      <th scope="row"><label for={inputId}>{name}</label></th>
      <td>
        <input
          id={inputId}
          type="text"
          inputMode="numeric"
          class="window-amount"
          value={amount}
          aria-invalid={state === 'invalid'}
          aria-describedby={state === 'invalid' ? errorId : undefined}
          onInput={(e) => setAmount((e.currentTarget as HTMLInputElement).value)}
          onChange={(e) => void commit((e.currentTarget as HTMLInputElement).value, unit)}
        />
        <select
          aria-label={`${name} ${t('dash_windows')}`}
          value={unit}
          onChange={(e) => {
            const u = (e.currentTarget as HTMLSelectElement).value as WindowUnit;
            setUnit(u);
            void commit(amount, u);
          }}
        >
          {UNITS.map((u) => (
            <option key={u} value={u}>{t(`dash_unit_${u.replace('-', '_')}`)}</option>
          ))}
        </select>
        <span class="muted"> {t('dash_windowDefault')}: {fallback.amount} {t(`dash_unit_${fallback.unit.replace('-', '_')}`)}</span>
        {state === 'invalid' ? <p id={errorId} class="field-error" role="alert">{t('dash_windowInvalid')}</p> : null}
        {state === 'saved' ? <span class="ok" role="status"> {t('dash_windowSaved')}</span> : null}
      </td>
    </tr>
  );
}
