// A list that renders only the rows in view (plus a margin), so 10,000 reports cost what 20 do. Rows may
// differ in height and change it (an opened <details>): each rendered row is measured and the offsets
// of the rest follow; rows never seen count at the estimate.
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';

const OVERSCAN_PX = 600;
const GAP = 12;

export function VirtualList<T>({
  items,
  keyOf,
  estimate,
  renderItem,
  label,
  class: className,
  rowClass,
  rowAttrs,
}: {
  items: readonly T[];
  keyOf: (item: T) => string;
  estimate: number;
  renderItem: (item: T, index: number) => ComponentChildren;
  label: string;
  class?: string;
  rowClass?: string;
  rowAttrs?: (item: T) => Record<string, string>;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const heights = useRef(new Map<string, number>());
  const [, setVersion] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(900);
  const observer = useMemo(
    () =>
      typeof ResizeObserver === 'undefined'
        ? undefined
        : new ResizeObserver((entries) => {
            let changed = false;
            for (const entry of entries) {
              const el = entry.target as HTMLElement;
              const key = el.dataset.vkey;
              if (!key || !el.isConnected) continue;
              const h = el.offsetHeight;
              if (heights.current.get(key) !== h) {
                heights.current.set(key, h);
                changed = true;
              }
            }
            if (changed) setVersion((v) => v + 1);
          }),
    [],
  );
  useEffect(() => () => observer?.disconnect(), [observer]);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setViewport(el.clientHeight || 900);
    const onResize = () => setViewport(el.clientHeight || 900);
    addEventListener('resize', onResize);
    return () => removeEventListener('resize', onResize);
  }, []);

  const offsets = new Float64Array(items.length + 1);
  for (let i = 0; i < items.length; i++) offsets[i + 1] = offsets[i]! + (heights.current.get(keyOf(items[i]!)) ?? estimate) + GAP;
  const top = Math.max(0, scrollTop - OVERSCAN_PX);
  const bottom = scrollTop + viewport + OVERSCAN_PX;
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1]! <= top) lo = mid + 1;
    else hi = mid;
  }
  const start = lo;
  let end = start;
  while (end < items.length && offsets[end]! < bottom) end++;

  const rows = [];
  for (let i = start; i < end; i++) {
    const item = items[i]!;
    const key = keyOf(item);
    rows.push(
      <li
        key={key}
        data-vkey={key}
        class={rowClass}
        aria-setsize={items.length}
        aria-posinset={i + 1}
        style={{ position: 'absolute', top: `${offsets[i]}px`, left: 0, right: 0 }}
        ref={(el) => {
          if (el && observer) observer.observe(el);
        }}
        {...(rowAttrs ? rowAttrs(item) : {})}
      >
        {renderItem(item, i)}
      </li>,
    );
  }
  return (
    <div ref={scroller} class={`vlist ${className ?? ''}`} tabIndex={0} onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}>
      <ol class="report-list" aria-label={label} style={{ position: 'relative', height: `${offsets[items.length]}px`, margin: 0 }}>
        {rows}
      </ol>
    </div>
  );
}
