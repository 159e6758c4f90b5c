import type { KeyboardEvent, Ref } from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import { api, isAbort, query } from '../app/api.ts';
import { useT } from '../i18n/index.tsx';

/** What the pickers search: ISTAT CP2011 occupations, ATECO 2007 sectors, ESCO skills. */
export type ClassificationKind = 'occupation' | 'sector' | 'skill';

export interface PickedItem {
  /** CP2011 or ATECO code; for ESCO skills the concept URI. */
  code: string;
  label: string;
}

interface Hit {
  code?: string;
  uri?: string;
  label: string;
  matchedLabel?: string | null;
  levelName?: string;
}

const LIST_STYLE = {
  position: 'absolute',
  zIndex: 1000,
  left: 0,
  right: 0,
  background: '#fff',
  border: '1px solid #5c6f82',
  borderRadius: 4,
  maxHeight: 320,
  overflowY: 'auto',
  margin: 0,
  padding: 0,
  boxShadow: '0 4px 12px rgba(0,0,0,0.15)',
} as const;
const OPTION_STYLE = { padding: '0.5rem 0.75rem', cursor: 'pointer', color: '#1a1a1a' } as const;
const ACTIVE_STYLE = { ...OPTION_STYLE, background: '#0066cc', color: '#fff' } as const;

const ENDPOINT: Record<ClassificationKind, string> = {
  occupation: '/api/v1/occupations/search',
  sector: '/api/v1/sectors/search',
  skill: '/api/v1/skills/search',
};

interface Props {
  id: string;
  kind: ClassificationKind;
  label: string;
  value: PickedItem | null;
  onChange: (value: PickedItem | null) => void;
  error?: string | undefined;
  help?: string | undefined;
  /** Lowest classification level offered (5 = CP2011 units and job titles). */
  minLevel?: number;
  /** Clear the field after a choice (multi-value pickers: the choices are shown beside it). */
  clearOnPick?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  testId?: string;
}

/**
 * An accessible autocomplete over the typo-tolerant classification searches (WAI-ARIA 1.2 combobox with a listbox):
 * type two letters or a code, move with the arrow keys, Enter or a click chooses, Escape closes. The number of
 * results is announced; the chosen code is shown next to its label.
 */
export function ClassificationPicker({ id, kind, label, value, onChange, error, help, minLevel, clearOnPick, inputRef, testId }: Props) {
  const t = useT();
  const uid = useId().replace(/:/g, '');
  const listId = `${id}-${uid}-list`;
  const describedId = `${id}-description`;
  const shown = (v: PickedItem | null) => (v ? (kind === 'skill' ? v.label : `${v.label} (${v.code})`) : '');
  const [text, setText] = useState(shown(value));
  const [items, setItems] = useState<PickedItem[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [loading, setLoading] = useState(false);
  const [searched, setSearched] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const controller = useRef<AbortController | null>(null);

  // A value set from outside (loading a record, a reset) shows in the field.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the chosen value changes
  useEffect(() => {
    if (!clearOnPick) setText(shown(value));
  }, [value?.code]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      controller.current?.abort();
    },
    [],
  );

  const search = (q: string) => {
    if (timer.current) clearTimeout(timer.current);
    controller.current?.abort();
    if (q.trim().length < 2) {
      setItems([]);
      setOpen(false);
      setSearched(false);
      return;
    }
    timer.current = setTimeout(() => {
      const c = new AbortController();
      controller.current = c;
      setLoading(true);
      api
        .get<{ items: Hit[] }>(`${ENDPOINT[kind]}${query({ q: q.trim(), limit: 10, minLevel })}`, { signal: c.signal })
        .then((res) => {
          const found = res.items.map((h) => ({ code: (kind === 'skill' ? h.uri : h.code) ?? '', label: h.label }));
          setItems(found);
          setActive(found.length ? 0 : -1);
          setOpen(true);
          setSearched(true);
          setLoading(false);
        })
        .catch((err: unknown) => {
          if (isAbort(err)) return;
          setItems([]);
          setLoading(false);
        });
    }, 200);
  };

  const choose = (item: PickedItem) => {
    onChange(item);
    setText(clearOnPick ? '' : shown(item));
    setOpen(false);
    setItems([]);
    setSearched(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open && items.length) setOpen(true);
      setActive((i) => Math.min(items.length - 1, i + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (e.key === 'Enter' && open && active >= 0 && items[active]) {
      e.preventDefault();
      choose(items[active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
    }
  };

  const message = error ?? help;
  const expanded = open && items.length > 0;
  return (
    <div className={`form-group ponte-picker ${error ? 'ponte-field-error' : ''}`} data-testid={testId} style={{ position: 'relative' }}>
      <label htmlFor={id} className="active">
        {label}
      </label>
      <input
        id={id}
        ref={inputRef}
        type="text"
        className={`form-control ${error ? 'is-invalid' : ''}`}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={message ? describedId : undefined}
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (value && !clearOnPick) onChange(null);
          search(e.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => items.length && setOpen(true)}
      />
      <div id={listId} role="listbox" aria-label={label} className={expanded ? '' : 'd-none'} style={LIST_STYLE}>
        {items.map((item, i) => (
          // biome-ignore lint/a11y/useFocusableInteractive: options are reached through aria-activedescendant (arrows + Enter on the combobox)
          // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard selection goes through the combobox
          <div
            key={item.code}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            style={i === active ? ACTIVE_STYLE : OPTION_STYLE}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(item)}
          >
            <span>{item.label}</span>
            {kind !== 'skill' && <span style={{ fontSize: '0.85em', marginLeft: '0.5em' }}>{item.code}</span>}
          </div>
        ))}
      </div>
      <div className="visually-hidden" aria-live="polite">
        {loading
          ? t('profile.picker.searching')
          : searched
            ? items.length
              ? t('profile.picker.results', { count: items.length })
              : t('profile.picker.none')
            : ''}
      </div>
      {searched && !loading && items.length === 0 && <small className="form-text d-block">{t('profile.picker.none')}</small>}
      {message && (
        <small id={describedId} className={`form-text d-block ${error ? 'ponte-error-text' : ''}`}>
          {message}
        </small>
      )}
    </div>
  );
}
