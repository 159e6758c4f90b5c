import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import { useT } from '../i18n/index.tsx';

let firstPage = true;

/**
 * The page's single h1. Sets the document title and, after in-app navigation, moves focus to the
 * heading so screen-reader users hear where they landed (the first page keeps the browser's focus).
 */
export function PageTitle({ children, title, lead }: { children: ReactNode; title: string; lead?: ReactNode }) {
  const t = useT();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <div className="mb-4">
      <h1 ref={ref} tabIndex={-1} className="ponte-page-title">
        {children}
      </h1>
      {lead && <p className="lead mb-0">{lead}</p>}
    </div>
  );
}
