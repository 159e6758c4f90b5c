import { Spinner } from 'design-react-kit';
import { useT } from '../i18n/index.tsx';

/** A polite loading indicator with visible text. */
export function Loading({ label, small = true }: { label?: string; small?: boolean }) {
  const t = useT();
  const text = label ?? t('common.loading');
  return (
    <div className="d-flex align-items-center gap-2 my-3" role="status" aria-live="polite" data-testid="loading">
      <span aria-hidden="true">
        <Spinner active small={small} label="" />
      </span>
      <span>{text}</span>
    </div>
  );
}
