import { useT } from '../i18n/index.tsx';

/** Placeholder for a value the caller may not see. */
export function Reserved() {
  const t = useT();
  return (
    <span className="ponte-reserved" title={t('common.reservedHint')} data-testid="reserved">
      <svg aria-hidden="true" focusable="false" width="14" height="14" viewBox="0 0 16 16" className="me-1">
        <path
          fill="currentColor"
          d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm-2 6V4.5a2 2 0 1 1 4 0V7H6Z"
        />
      </svg>
      {t('common.reserved')}
    </span>
  );
}
